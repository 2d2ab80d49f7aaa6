using System.Buffers.Binary;
using CleanVisitors.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CleanVisitors.UnitTests.Infrastructure;

/// <summary>Production hashes at Identity's 100,000 iterations; a hash made with another count (the tests') still verifies.</summary>
public sealed class PasswordHasherTests
{
    [Fact]
    public void ByDefault_HashesWithAtLeast100000Iterations()
    {
        var hash = new PasswordHasher(Options.Create(new PasswordHasherOptions())).Hash("correct-horse-battery");

        // v3 format: 0x01, PRF (4 bytes), iteration count (4 bytes, big-endian), salt length, salt, subkey.
        var bytes = Convert.FromBase64String(hash);
        Assert.Equal(0x01, bytes[0]);
        Assert.True(BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(5, 4)) >= 100_000);
    }

    [Fact]
    public void AHashMadeWithAnotherIterationCount_StillVerifies_AndAWrongPasswordDoesNot()
    {
        var cheap = new PasswordHasher(Options.Create(new PasswordHasherOptions { IterationCount = 1_000 })).Hash("correct-horse-battery");
        var production = new PasswordHasher(Options.Create(new PasswordHasherOptions()));

        Assert.True(production.Verify(cheap, "correct-horse-battery"));
        Assert.False(production.Verify(cheap, "wrong-horse-battery"));
        Assert.False(production.Verify(null, "correct-horse-battery"));
    }
}
