using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LoyaltyHub.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class MessagingContent : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "MessageEventSettings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Event = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    Sms = table.Column<bool>(type: "INTEGER", nullable: false),
                    Email = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MessageEventSettings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MessageEventSettings_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "MessageTemplates",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Event = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Channel = table.Column<int>(type: "INTEGER", nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Body = table.Column<string>(type: "TEXT", maxLength: 50000, nullable: false),
                    TextBody = table.Column<string>(type: "TEXT", maxLength: 50000, nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MessageTemplates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MessageTemplates_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "MessagingSettings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SmsSenderName = table.Column<string>(type: "TEXT", maxLength: 11, nullable: true),
                    SmsSenderNumber = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    MerchantMobile = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    EmailFromName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ReplyTo = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                    StopMention = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    AppendStopMention = table.Column<bool>(type: "INTEGER", nullable: false),
                    LiveMode = table.Column<bool>(type: "INTEGER", nullable: false),
                    AutomaticMessagesEnabled = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MessagingSettings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MessagingSettings_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_MessageEventSettings_TenantId_Event",
                table: "MessageEventSettings",
                columns: new[] { "TenantId", "Event" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MessageTemplates_TenantId_Event_Channel_Language",
                table: "MessageTemplates",
                columns: new[] { "TenantId", "Event", "Channel", "Language" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MessagingSettings_TenantId",
                table: "MessagingSettings",
                column: "TenantId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MessageEventSettings");

            migrationBuilder.DropTable(
                name: "MessageTemplates");

            migrationBuilder.DropTable(
                name: "MessagingSettings");
        }
    }
}
