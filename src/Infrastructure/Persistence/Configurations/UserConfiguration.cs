using CleanVisitors.Domain.Common;
using CleanVisitors.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CleanVisitors.Infrastructure.Persistence.Configurations;

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> builder)
    {
        builder.Ignore(u => u.DomainEvents);
        builder.Property(u => u.Id).ValueGeneratedNever();
        builder.Property(u => u.Email).HasMaxLength(Limits.EmailMaxLength);
        builder.Property(u => u.FullName).HasMaxLength(Limits.NameMaxLength);
        builder.Property(u => u.PhoneNumber).HasMaxLength(Limits.PhoneMaxLength);
        builder.Property(u => u.Role).HasConversion<string>().HasMaxLength(32);
        builder.Property(u => u.PasswordHash).HasMaxLength(512);
        builder.Property(u => u.SecurityStamp).HasDefaultValueSql("gen_random_uuid()");
        // Unique lower(email) and trigram search indexes are expression indexes: created in the migration's SQL.
        builder.HasIndex(u => new { u.Role, u.IsActive });
    }
}
