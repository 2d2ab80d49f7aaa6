using CleanVisitors.Domain.Common;

namespace CleanVisitors.Domain.Users;

/// <summary>Someone who signs in: an Admin, a Receptionist at the front desk, or a Host being visited.</summary>
public sealed class User : Entity
{
    private User(Guid id, string email, string fullName, string? phoneNumber, UserRole role, string passwordHash, DateTimeOffset createdAt)
        : base(id)
    {
        Email = email;
        FullName = fullName;
        PhoneNumber = phoneNumber;
        Role = role;
        PasswordHash = passwordHash;
        IsActive = true;
        SecurityStamp = Guid.NewGuid();
        CreatedAt = createdAt;
        UpdatedAt = createdAt;
    }

    public string Email { get; private set; }

    public string FullName { get; private set; }

    public string? PhoneNumber { get; private set; }

    public UserRole Role { get; private set; }

    public string PasswordHash { get; private set; }

    public bool IsActive { get; private set; }

    /// <summary>
    /// Changes whenever the user's rights shrink or their credentials change (deactivation, a role change, a new password).
    /// An access token carries the stamp it was issued with; one with an older stamp no longer works.
    /// </summary>
    public Guid SecurityStamp { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public static User Create(Email email, string fullName, PhoneNumber? phoneNumber, UserRole role, string passwordHash, Guid? actorId, DateTimeOffset now)
    {
        var user = new User(Guid.CreateVersion7(now), email.Value, fullName, phoneNumber?.Value, role, passwordHash, now);
        user.Raise(new UserCreated(user.Id, role, actorId, now));
        return user;
    }

    /// <summary>Applies the given changes (null = keep); raises one event naming the fields that changed.</summary>
    public void Update(string? fullName, PhoneNumber? phoneNumber, UserRole? role, bool? isActive, Guid actorId, DateTimeOffset now)
    {
        var changed = new List<string>();
        if (fullName is not null && fullName != FullName)
        {
            FullName = fullName;
            changed.Add("fullName");
        }

        if (phoneNumber is not null && phoneNumber.Value != PhoneNumber)
        {
            PhoneNumber = phoneNumber.Value;
            changed.Add("phoneNumber");
        }

        if (role is { } newRole && newRole != Role)
        {
            changed.Add($"role:{Role}->{newRole}");
            Role = newRole;
            SecurityStamp = Guid.NewGuid();
        }

        if (isActive is { } active && active != IsActive)
        {
            IsActive = active;
            changed.Add(active ? "activated" : "deactivated");
            if (!active)
            {
                SecurityStamp = Guid.NewGuid();
            }
        }

        if (changed.Count > 0)
        {
            UpdatedAt = now;
            Raise(new UserUpdated(Id, string.Join(", ", changed), actorId, now));
        }
    }

    /// <summary>A new password (already hashed): every token issued before stops working.</summary>
    public void ChangePassword(string passwordHash, Guid actorId, DateTimeOffset now)
    {
        PasswordHash = passwordHash;
        SecurityStamp = Guid.NewGuid();
        UpdatedAt = now;
        Raise(new UserUpdated(Id, "password", actorId, now));
    }
}
