using System.Text.Json;

namespace LoyaltyHub.Web.Endpoints.Api;

/// <summary>
/// Reads a JSON body itself rather than through parameter binding, so a malformed body gets a
/// problem-details answer naming what is wrong instead of a bare 400.
/// </summary>
internal static class ApiBody
{
    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request) where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.HasJsonContentType())
        {
            return (null, ApiProblems.Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                "Send the body as JSON with Content-Type: application/json."));
        }

        try
        {
            var value = await request.ReadFromJsonAsync<T>(request.HttpContext.RequestAborted);
            return value is null
                ? (null, ApiProblems.Problem(StatusCodes.Status400BadRequest, "Empty body", "The request needs a JSON object."))
                : (value, null);
        }
        catch (JsonException e)
        {
            return (null, ApiProblems.Problem(StatusCodes.Status400BadRequest, "Malformed JSON",
                $"The body is not valid JSON for this endpoint ({e.Path ?? "$"}): {e.Message}"));
        }
    }
}
