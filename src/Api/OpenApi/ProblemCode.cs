namespace CleanVisitors.Api.OpenApi;

/// <summary>One problem code of the API: its HTTP status and what it means to a client.</summary>
internal sealed record ProblemCode(string Code, int Status, string Meaning);
