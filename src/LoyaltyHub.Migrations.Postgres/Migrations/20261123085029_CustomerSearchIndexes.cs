using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LoyaltyHub.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class CustomerSearchIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Customers_TenantId_CreatedAt",
                table: "Customers");

            migrationBuilder.DropIndex(
                name: "IX_Customers_TenantId_LastVisitAt",
                table: "Customers");

            migrationBuilder.DropIndex(
                name: "IX_Customers_TenantId_SearchName",
                table: "Customers");

            migrationBuilder.AlterColumn<string>(
                name: "SearchName",
                table: "Customers",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(200)",
                oldMaxLength: 200);

            migrationBuilder.CreateIndex(
                name: "IX_Customers_TenantId_CreatedAt_Id",
                table: "Customers",
                columns: new[] { "TenantId", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_TenantId_LastVisitAt_Id",
                table: "Customers",
                columns: new[] { "TenantId", "LastVisitAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_TenantId_SearchName_Id",
                table: "Customers",
                columns: new[] { "TenantId", "SearchName", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Customers_TenantId_CreatedAt_Id",
                table: "Customers");

            migrationBuilder.DropIndex(
                name: "IX_Customers_TenantId_LastVisitAt_Id",
                table: "Customers");

            migrationBuilder.DropIndex(
                name: "IX_Customers_TenantId_SearchName_Id",
                table: "Customers");

            migrationBuilder.AlterColumn<string>(
                name: "SearchName",
                table: "Customers",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(200)",
                oldMaxLength: 200,
                oldCollation: "C");

            migrationBuilder.CreateIndex(
                name: "IX_Customers_TenantId_CreatedAt",
                table: "Customers",
                columns: new[] { "TenantId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_TenantId_LastVisitAt",
                table: "Customers",
                columns: new[] { "TenantId", "LastVisitAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_TenantId_SearchName",
                table: "Customers",
                columns: new[] { "TenantId", "SearchName" })
                .Annotation("Npgsql:IndexOperators", new[] { null, "text_pattern_ops" });
        }
    }
}
