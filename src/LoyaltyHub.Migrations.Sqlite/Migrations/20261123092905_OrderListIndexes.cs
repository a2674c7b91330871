using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LoyaltyHub.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class OrderListIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Order_TenantId_Email",
                table: "Order",
                columns: new[] { "TenantId", "Email" });

            migrationBuilder.CreateIndex(
                name: "IX_Order_TenantId_PlacedAt_Id",
                table: "Order",
                columns: new[] { "TenantId", "PlacedAt", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Order_TenantId_Email",
                table: "Order");

            migrationBuilder.DropIndex(
                name: "IX_Order_TenantId_PlacedAt_Id",
                table: "Order");
        }
    }
}
