using System;
using ImCsGen.Generator.Diagnostics;
using ImCsGen.Generator.Json;
using ImCsGen.Generator.Model;

namespace ImCsGen.Generator.Parsing;

// The Tencent Cloud API 3.0 family: "api": {"family": "tencentCloud", "service", "version", "host"} at the top
// level, and "action" instead of "path" on each endpoint. An action is stored as the path "{service}/{action}",
// so duplicate-action and name checks downstream are the IM ones.
internal sealed partial class SpecParser
{
    private static readonly string[] ApiKeys = { "family", "service", "version", "host" };

    private CloudApiSyntax? _api;

    private CloudApiSyntax? ParseApi(JsonObjectNode top)
    {
        if (top.Find("api") is not { } property || !ExpectObject(property.Value, "api", out var api))
        {
            return null;
        }

        const string what = "'api'";
        CheckKeys(api, ApiKeys, what);
        var family = RequiredString(api, "family", what, out var familyLocation);
        if (family is not null && family != "tencentCloud")
        {
            Report(SpecDiagnostics.InvalidCloudApi, familyLocation, "family '" + family + "' is not known; the only API family besides IM REST (which needs no 'api') is 'tencentCloud'");
            family = null;
        }

        var service = RequiredString(api, "service", what, out var serviceLocation);
        if (service is not null && !IsLowerAlphanumeric(service))
        {
            Report(SpecDiagnostics.InvalidCloudApi, serviceLocation, "service '" + service + "' must be lower-case letters and digits (the host's first label, e.g. 'ccc')");
            service = null;
        }

        var version = RequiredString(api, "version", what, out var versionLocation);
        if (version is not null && !IsDateVersion(version))
        {
            Report(SpecDiagnostics.InvalidCloudApi, versionLocation, "version '" + version + "' must be a date 'yyyy-MM-dd' (e.g. '2020-02-10')");
            version = null;
        }

        var host = RequiredString(api, "host", what, out var hostLocation);
        if (host is not null && service is not null && !host.Equals(service + ".tencentcloudapi.com", StringComparison.Ordinal) && !host.StartsWith(service + ".", StringComparison.Ordinal))
        {
            Report(SpecDiagnostics.InvalidCloudApi, hostLocation, "host '" + host + "' must start with the service '" + service + ".' (TC3 signs the service as the host's first label)");
            host = null;
        }

        return family is null || service is null || version is null || host is null ? null : new CloudApiSyntax(service, version, host, property.NameLocation);
    }

    private bool IsCloudApiEndpoint(JsonObjectNode endpoint) => _api is not null || endpoint.Find("action") is not null;

    /// <summary>Reads <c>action</c>; returns the internal path <c>{service}/{action}</c>, or null after a diagnostic.</summary>
    private string? ParseAction(JsonObjectNode endpoint, string what, out SpecLocation location)
    {
        if (endpoint.Find("path") is { } path)
        {
            Report(SpecDiagnostics.InvalidCloudApi, path.NameLocation, what + " has 'path', but this file declares a Tencent Cloud API ('api'): name the call with 'action' instead");
        }

        var action = RequiredString(endpoint, "action", what, out location);
        if (action is null)
        {
            return null;
        }

        if (!Names.IsTypeName(action))
        {
            Report(SpecDiagnostics.InvalidName, location, action, "action name", "Tencent's action name, e.g. 'DescribeIMCdrs' (" + Names.TypeNameRule + ")");
            return null;
        }

        if (_api is null)
        {
            Report(SpecDiagnostics.InvalidCloudApi, location, what + " names an 'action', but the file declares no \"api\": {\"family\": \"tencentCloud\", \"service\", \"version\", \"host\"}");
            return null;
        }

        return _api.Service + "/" + action;
    }

    private static bool IsLowerAlphanumeric(string text)
    {
        if (text.Length == 0)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (c is not (>= 'a' and <= 'z') && c is not (>= '0' and <= '9'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsDateVersion(string text)
        => text.Length == 10 && text[4] == '-' && text[7] == '-'
           && DateTime.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _);
}
