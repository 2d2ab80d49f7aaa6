namespace CleanVisitors.Application.Common.Interfaces;

/// <summary>Salted, slow password hashing.</summary>
public interface IPasswordHasher
{
    string Hash(string password);

    /// <summary>True when <paramref name="password"/> matches; with a null hash it still spends the same time and returns false.</summary>
    bool Verify(string? passwordHash, string password);
}
