using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CleanVisitors.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class AddCronRunInstance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "instance",
                table: "cron_runs",
                type: "character varying(128)",
                maxLength: 128,
                nullable: false,
                defaultValue: "");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "instance",
                table: "cron_runs");
        }
    }
}
