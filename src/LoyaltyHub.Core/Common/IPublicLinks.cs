namespace LoyaltyHub.Core.Common;

/// <summary>Turns an app-relative path into the absolute URL put in emails.</summary>
public interface IPublicLinks
{
    string Absolute(string relativePath);
}
