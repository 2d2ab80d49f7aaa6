using System.Text;

namespace CleanVisitors.IntegrationTests.Visits;

/// <summary>A strict RFC 4180 reader: quoted fields may hold commas, quotes (doubled) and line breaks; records end with CRLF.</summary>
internal static class Csv
{
    public static List<List<string>> Parse(string text)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '"' && field.Length == 0)
            {
                i++;
                while (true)
                {
                    Assert.True(i < text.Length, "Unterminated quoted field.");
                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    field.Append(text[i++]);
                }

                Assert.True(i == text.Length || text[i] is ',' or '\r', $"Text after a closing quote at {i}.");
                continue;
            }

            switch (text[i])
            {
                case ',':
                    record.Add(field.ToString());
                    field.Clear();
                    i++;
                    break;
                case '\r':
                    Assert.True(i + 1 < text.Length && text[i + 1] == '\n', $"A record must end with CRLF (at {i}).");
                    record.Add(field.ToString());
                    field.Clear();
                    records.Add(record);
                    record = [];
                    i += 2;
                    break;
                case '"' or '\n':
                    Assert.Fail($"Unexpected {(text[i] == '"' ? "quote" : "bare LF")} in an unquoted field at {i}.");
                    break;
                default:
                    field.Append(text[i++]);
                    break;
            }
        }

        if (field.Length > 0 || record.Count > 0)
        {
            record.Add(field.ToString());
            records.Add(record);
        }

        return records;
    }
}
