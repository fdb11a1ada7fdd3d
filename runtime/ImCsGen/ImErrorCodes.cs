using System;
using System.Collections.Generic;

namespace ImCsGen;

/// <summary>Broad class of an IM failure, for handling errors without memorising codes.</summary>
public enum ImErrorCategory
{
    /// <summary>A code this library has no table entry for (endpoint-specific codes, mostly).</summary>
    Other = 0,

    /// <summary>The request is malformed (fix the code that builds it).</summary>
    InvalidRequest = 1,

    /// <summary>UserSig or secret key problems (60004/60005, 70xxx).</summary>
    Authentication = 2,

    /// <summary>The identifier, app, IP or plan is not allowed to do this (60010, 60016, 60017, 60020, 60021).</summary>
    Permission = 3,

    /// <summary>Tencent throttled the call (60007, 60011, 60018, 60019, 70050, HTTP 429).</summary>
    RateLimited = 4,

    /// <summary>A transient service failure whose outcome is unknown (60008, 60013, 60014, 10002, 20004, 20005).</summary>
    Transient = 5,

    /// <summary>No valid IM answer: network failure, timeout, HTTP error status or unreadable body.</summary>
    Transport = 6,

    /// <summary>The account does not exist or is blocked (70107, 70051).</summary>
    Account = 7,
}

/// <summary>When a failure may be retried.</summary>
public enum ImRetryClass
{
    /// <summary>Never: repeating gives the same answer.</summary>
    Never = 0,

    /// <summary>Tencent certainly did not process the call: retry any endpoint, even non-idempotent ones.</summary>
    NotProcessed = 1,

    /// <summary>The call may have been processed: retry only idempotent or de-duplicated endpoints.</summary>
    OutcomeUnknown = 2,

    /// <summary>The UserSig expired (70001): renew it and repeat once.</summary>
    RenewUserSig = 3,

    /// <summary>Rate limited after UserSig failures (70050): wait at least one minute, then retry.</summary>
    AfterLongWait = 4,
}

/// <summary>Tencent's meaning of an error code and how the runtime treats it.</summary>
public readonly record struct ImErrorDescription(int Code, string Meaning, ImErrorCategory Category, ImRetryClass Retry);

/// <summary>
/// Tencent's REST error codes (im-rest-facts §4) with their meaning, category and retry class.
/// Negative codes are the runtime's own, for failures that carry no IM code.
/// </summary>
public static class ImErrorCodes
{
    /// <summary>No IM answer because the network failed (DNS, connect, reset).</summary>
    public const int NetworkError = -1;

    /// <summary>An attempt timed out or the call's overall deadline passed.</summary>
    public const int Timeout = -2;

    /// <summary>Tencent answered with a non-2xx HTTP status and no IM error code.</summary>
    public const int HttpError = -3;

    /// <summary>The body was not a readable IM response.</summary>
    public const int InvalidResponse = -4;

    /// <summary>The client-side rate limiter's queue was full.</summary>
    public const int ClientRateLimited = -5;

    /// <summary>The UserSig expired.</summary>
    public const int UserSigExpired = 70001;

    /// <summary>The UserSig-failure rate limit (wait at least a minute).</summary>
    public const int UserSigFailuresRateLimited = 70050;

    private static readonly Dictionary<int, ImErrorDescription> Table = Build();

    /// <summary>Describes <paramref name="code"/>; unknown codes give category Other and retry Never.</summary>
    public static ImErrorDescription Describe(int code)
        => Table.TryGetValue(code, out var description)
            ? description
            : new ImErrorDescription(code, "endpoint-specific error (see the endpoint's documentation)", ImErrorCategory.Other, ImRetryClass.Never);

    /// <summary>All described codes, for documentation and the emulator.</summary>
    public static IReadOnlyCollection<ImErrorDescription> All => Table.Values;

    private static Dictionary<int, ImErrorDescription> Build()
    {
        var table = new Dictionary<int, ImErrorDescription>();
        void Add(int code, string meaning, ImErrorCategory category, ImRetryClass retry)
            => table.Add(code, new ImErrorDescription(code, meaning, category, retry));

        Add(NetworkError, "network failure before an IM answer", ImErrorCategory.Transport, ImRetryClass.OutcomeUnknown);
        Add(Timeout, "no IM answer in time", ImErrorCategory.Transport, ImRetryClass.OutcomeUnknown);
        Add(HttpError, "HTTP error status without an IM error code", ImErrorCategory.Transport, ImRetryClass.Never);
        Add(InvalidResponse, "the response body is not a readable IM response", ImErrorCategory.Transport, ImRetryClass.OutcomeUnknown);
        Add(ClientRateLimited, "the client-side rate limiter's queue is full", ImErrorCategory.RateLimited, ImRetryClass.Never);

        Add(60002, "HTTP parse error: the request URL is malformed", ImErrorCategory.InvalidRequest, ImRetryClass.Never);
        Add(60003, "the request body is not valid JSON", ImErrorCategory.InvalidRequest, ImRetryClass.Never);
        Add(60004, "account or signature error in the request URL or body", ImErrorCategory.Authentication, ImRetryClass.Never);
        Add(60005, "account or signature (UserSig) error in the request URL or body", ImErrorCategory.Authentication, ImRetryClass.Never);
        Add(60006, "the SDKAppID is invalid", ImErrorCategory.Authentication, ImRetryClass.Never);
        Add(60007, "REST call rate over the limit", ImErrorCategory.RateLimited, ImRetryClass.NotProcessed);
        Add(60008, "service timeout or malformed HTTP request", ImErrorCategory.Transient, ImRetryClass.OutcomeUnknown);
        Add(60009, "unknown resource: the URL path is wrong", ImErrorCategory.InvalidRequest, ImRetryClass.Never);
        Add(60010, "the identifier is not an App administrator", ImErrorCategory.Permission, ImRetryClass.Never);
        Add(60011, "SDKAppID request rate over the limit", ImErrorCategory.RateLimited, ImRetryClass.NotProcessed);
        Add(60012, "the SDKAppID is missing from the URL", ImErrorCategory.InvalidRequest, ImRetryClass.Never);
        Add(60013, "the response JSON could not be produced", ImErrorCategory.Transient, ImRetryClass.OutcomeUnknown);
        Add(60014, "account exchange timed out", ImErrorCategory.Transient, ImRetryClass.OutcomeUnknown);
        Add(60015, "an account field in the body has the wrong type (must be a string)", ImErrorCategory.InvalidRequest, ImRetryClass.Never);
        Add(60016, "the SDKAppID is disabled", ImErrorCategory.Permission, ImRetryClass.Never);
        Add(60017, "the request is disabled", ImErrorCategory.Permission, ImRetryClass.Never);
        Add(60018, "requests too frequent; retry later", ImErrorCategory.RateLimited, ImRetryClass.NotProcessed);
        Add(60019, "requests too frequent; retry later", ImErrorCategory.RateLimited, ImRetryClass.NotProcessed);
        Add(60020, "the Pro package expired or was suspended", ImErrorCategory.Permission, ImRetryClass.Never);
        Add(60021, "the caller's IP address is not allowed", ImErrorCategory.Permission, ImRetryClass.Never);
        Add(70001, "the UserSig expired", ImErrorCategory.Authentication, ImRetryClass.RenewUserSig);
        Add(70003, "the UserSig could not be parsed", ImErrorCategory.Authentication, ImRetryClass.Never);
        Add(70009, "UserSig verification failed (wrong secret key or SDKAppID)", ImErrorCategory.Authentication, ImRetryClass.Never);
        Add(70013, "the identifier in the request differs from the one in the UserSig", ImErrorCategory.Authentication, ImRetryClass.Never);
        Add(70014, "the SDKAppID in the request differs from the one in the UserSig", ImErrorCategory.Authentication, ImRetryClass.Never);
        Add(70016, "secret key not found (wrong data centre?)", ImErrorCategory.Authentication, ImRetryClass.Never);
        Add(70020, "SDKAppID not found (wrong data centre?)", ImErrorCategory.Authentication, ImRetryClass.Never);
        Add(70050, "too many UserSig failures: rate limited, wait at least one minute", ImErrorCategory.RateLimited, ImRetryClass.AfterLongWait);
        Add(70051, "the account is blocklisted", ImErrorCategory.Account, ImRetryClass.Never);
        Add(70107, "the account has not been imported", ImErrorCategory.Account, ImRetryClass.Never);
        Add(10002, "internal server error (business code, treated as transient)", ImErrorCategory.Transient, ImRetryClass.OutcomeUnknown);
        Add(20004, "internal network error (business code, treated as transient)", ImErrorCategory.Transient, ImRetryClass.OutcomeUnknown);
        Add(20005, "internal server error (business code, treated as transient)", ImErrorCategory.Transient, ImRetryClass.OutcomeUnknown);
        return table;
    }
}
