namespace CleanVisitors.Domain.Users;

/// <summary>What a user may do: Admin (everything), Receptionist (the front desk), Host (their own visits).</summary>
public enum UserRole
{
    Admin,
    Receptionist,
    Host,
}
