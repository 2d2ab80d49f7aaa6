using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CleanVisitors.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class AddVisitInvitee : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "invitee_company",
                table: "visits",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "invitee_full_name",
                table: "visits",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "invitee_phone_number",
                table: "visits",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_notifications_recipient_id",
                table: "notifications",
                column: "recipient_id");

            // Invitations made before this release: their Host was shown the stored visitor, so that stays what they see.
            migrationBuilder.Sql("""
                UPDATE visits AS v
                SET invitee_full_name = p.full_name, invitee_phone_number = p.phone_number, invitee_company = p.company
                FROM visitors AS p
                WHERE p.id = v.visitor_id AND v.created_by_id = v.host_id AND NOT p.is_erased;
                """);

            // Erasures made before this release: the contract's rule now also covers the purpose and notification records.
            migrationBuilder.Sql("""
                UPDATE visits AS v SET purpose = '(erased)'
                FROM visitors AS p
                WHERE p.id = v.visitor_id AND p.is_erased AND v.purpose <> '(erased)';
                UPDATE notifications AS n SET recipient = '***'
                FROM visitors AS p
                WHERE p.id = n.recipient_id AND p.is_erased AND n.recipient <> '***';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_notifications_recipient_id",
                table: "notifications");

            migrationBuilder.DropColumn(
                name: "invitee_company",
                table: "visits");

            migrationBuilder.DropColumn(
                name: "invitee_full_name",
                table: "visits");

            migrationBuilder.DropColumn(
                name: "invitee_phone_number",
                table: "visits");
        }
    }
}
