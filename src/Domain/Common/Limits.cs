namespace CleanVisitors.Domain.Common;

/// <summary>Length limits shared by the domain, the EF configuration and the validators.</summary>
public static class Limits
{
    public const int NameMaxLength = 200;
    public const int CompanyMaxLength = 200;
    public const int PurposeMaxLength = 500;
    public const int NotesMaxLength = 2000;
    public const int ReasonMaxLength = 500;
    public const int EmailMaxLength = 254;
    public const int PhoneMaxLength = 16;
    public const int TimeZoneMaxLength = 64;
    public const int PasswordMinLength = 12;
    public const int PasswordMaxLength = 128;
    public const int AuditActionMaxLength = 64;
    public const int AuditEntityTypeMaxLength = 64;
    public const int AuditDetailsMaxLength = 1000;
    public const int RecipientMaxLength = 64;
    public const int JobNameMaxLength = 64;
    public const int JobErrorMaxLength = 500;
    public const int RefreshTokenMaxLength = 128;
    public const int InstanceMaxLength = 128;
}
