using LoyaltyHub.Core.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LoyaltyHub.Web.Endpoints.Api;

/// <summary>RFC 7807 problem details for every API failure, with field errors under their JSON names.</summary>
internal static class ApiProblems
{
    public static IResult From(Result failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var errors = failure.Errors.ToDictionary(e => JsonPath(e.Key), e => e.Value);
        var detail = string.Join(" ", failure.Errors.Values.SelectMany(m => m));
        return failure.Kind switch
        {
            FailureKind.NotFound => TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found"),
            FailureKind.Conflict => TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict",
                extensions: new Dictionary<string, object?> { ["errors"] = errors }),
            _ => TypedResults.ValidationProblem(errors, detail, title: "The request is not valid."),
        };
    }

    public static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(detail, statusCode: status, title: title);

    /// <summary>For answers written outside an endpoint (authentication, rate limiting).</summary>
    public static Task WriteAsync(HttpContext context, int status, string title, string detail)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(
            new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Title = title, Detail = detail },
            options: null, contentType: "application/problem+json");
    }

    /// <summary>"Lines[2].UnitPrice" → "lines[2].unitPrice": the service's property paths as the JSON names the client sent.</summary>
    public static string JsonPath(string path) =>
        string.Join('.', path.Split('.').Select(segment => segment.Length == 0 ? segment : char.ToLowerInvariant(segment[0]) + segment[1..]));
}
