using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Threading;
using ImCsGen.Generator.Diagnostics;
using ImCsGen.Generator.Helpers;
using ImCsGen.Generator.Json;
using ImCsGen.Generator.Model;

namespace ImCsGen.Generator.Parsing;

/// <summary>
/// Turns one spec file's text into a <see cref="SpecFileSyntax"/>. Never throws: every problem becomes
/// a diagnostic at its JSON location, and the parser carries on so one build shows all of them.
/// Names are checked here; references between types are resolved later, across the module.
/// </summary>
internal sealed partial class SpecParser
{
    private static readonly string[] TopLevelKeys = { "$schema", "namespace", "client", "types", "endpoints", "callbacks", "api" };
    private static readonly string[] EndpointKeys = { "name", "path", "action", "group", "summary", "description", "docs", "rateLimit", "requiresAdmin", "idempotency", "deduplication", "quota", "request", "response" };
    private static readonly string[] FieldKeys = { "name", "csName", "type", "required", "default", "description", "kind", "role", "constraints" };
    private static readonly string[] ObjectKeys = { "kind", "description", "fields" };
    private static readonly string[] EnumKeys = { "kind", "description", "underlying", "values" };
    private static readonly string[] EnumValueKeys = { "name", "value", "description" };
    private static readonly string[] UnionKeys = { "kind", "description", "discriminator", "content", "variants" };
    private static readonly string[] VariantKeys = { "value", "type" };
    private static readonly string[] ConstraintKeys = { "minimum", "maximum", "minBytes", "maxBytes", "minItems", "maxItems", "pattern", "maxJsonBytes", "maxPerVariant", "errorCodes" };

    private readonly List<DiagnosticInfo> _diagnostics = new();
    private readonly CancellationToken _cancellationToken;

    private SpecParser(CancellationToken cancellationToken) => _cancellationToken = cancellationToken;

    public static ParsedSpecFile Parse(string path, string text, CancellationToken cancellationToken)
    {
        var parser = new SpecParser(cancellationToken);
        SpecFileSyntax? file;
        try
        {
            var root = JsonTreeReader.Read(path, text, out var syntaxError);
            if (syntaxError is not null)
            {
                parser._diagnostics.Add(syntaxError);
            }

            file = root is null ? null : parser.ParseFile(path, root);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception e)
        {
            // The generator must never throw: an unexpected failure becomes a diagnostic on the file.
            parser._diagnostics.Add(DiagnosticInfo.Create(SpecDiagnostics.InternalError, new SpecLocation(path, 0, 0, 0, 0, 0, 0), e.GetType().Name + ": " + e.Message));
            file = null;
        }

        return new ParsedSpecFile(path, file, parser._diagnostics.ToEquatableArray());
    }

    private SpecFileSyntax? ParseFile(string path, JsonNode root)
    {
        if (!ExpectObject(root, "the spec file", out var top))
        {
            return null;
        }

        CheckKeys(top, TopLevelKeys, "the spec file");
        var ns = RequiredString(top, "namespace", "the spec file", out var nsLocation);
        if (ns is not null && !Names.IsNamespace(ns))
        {
            Report(SpecDiagnostics.InvalidNamespace, nsLocation, ns);
            ns = null;
        }

        var client = OptionalString(top, "client", out var clientLocation);
        if (client is not null && !Names.IsTypeName(client))
        {
            Report(SpecDiagnostics.InvalidName, clientLocation, client, "client name", Names.TypeNameRule);
            client = null;
        }

        var types = new List<TypeSyntax>();
        if (top.Find("types") is { } typesProperty && ExpectObject(typesProperty.Value, "types", out var typesObject))
        {
            foreach (var entry in typesObject.Properties)
            {
                _cancellationToken.ThrowIfCancellationRequested();
                if (ParseType(entry) is { } type)
                {
                    types.Add(type);
                }
            }
        }

        // Tencent Cloud API 3.0 files declare their service once; their endpoints then name actions (SpecParser.CloudApi.cs).
        _api = ParseApi(top);
        var endpoints = new List<EndpointSyntax>();
        if (top.Find("endpoints") is { } endpointsProperty && ExpectArray(endpointsProperty.Value, "endpoints", out var endpointsArray))
        {
            foreach (var item in endpointsArray.Items)
            {
                _cancellationToken.ThrowIfCancellationRequested();
                if (ParseEndpoint(item) is { } endpoint)
                {
                    endpoints.Add(endpoint);
                }
            }
        }

        var callbacks = ParseCallbacks(top);
        return ns is null ? null : new SpecFileSyntax(path, ns, nsLocation, client, client is null ? null : clientLocation, types.ToEquatableArray(), endpoints.ToEquatableArray(), callbacks) { Api = _api };
    }

    private EndpointSyntax? ParseEndpoint(JsonNode node)
    {
        if (!ExpectObject(node, "an endpoint", out var obj))
        {
            return null;
        }

        var what = "endpoint";
        CheckKeys(obj, EndpointKeys, what);
        var name = RequiredString(obj, "name", what, out var nameLocation);
        if (name is not null)
        {
            what = "endpoint '" + name + "'";
            if (!Names.IsTypeName(name))
            {
                Report(SpecDiagnostics.InvalidName, nameLocation, name, "endpoint name", Names.TypeNameRule);
                name = null;
            }
        }

        string? path;
        SpecLocation pathLocation;
        if (IsCloudApiEndpoint(obj))
        {
            path = ParseAction(obj, what, out pathLocation);
        }
        else
        {
            path = RequiredString(obj, "path", what, out pathLocation);
            if (path is not null && !Names.IsEndpointPath(path))
            {
                Report(SpecDiagnostics.InvalidPath, pathLocation, path);
                path = null;
            }
        }

        var group = RequiredString(obj, "group", what, out var groupLocation);
        if (group is not null && !Names.IsTypeName(GroupNames.Member(group)))
        {
            // The group names a client property, a class and a generated file (its hint name): an endpoint with a
            // group that is no identifier is dropped here, so no file name Roslyn refuses reaches AddSource (fuzz, issue 18).
            Report(SpecDiagnostics.InvalidName, groupLocation, group, "endpoint group (it names the client property '" + GroupNames.Member(group) + "')", "ASCII letters, digits and '_', starting with a letter");
            group = null;
        }

        var summary = RequiredString(obj, "summary", what, out _);
        var description = OptionalString(obj, "description", out _);
        var docs = OptionalString(obj, "docs", out var docsLocation);
        if (docs is not null && !docs.StartsWith("https://", StringComparison.Ordinal))
        {
            Report(SpecDiagnostics.WrongValueKind, docsLocation, "docs", "an https:// link to Tencent's documentation");
            docs = null;
        }

        var rateLimit = OptionalInteger(obj, "rateLimit", 1, 100000) ?? 200;
        var requiresAdmin = OptionalBoolean(obj, "requiresAdmin") ?? true;
        var idempotency = Idempotency.Unsafe;
        var idempotencyText = OptionalString(obj, "idempotency", out var idempotencyLocation);
        if (idempotencyText is not null)
        {
            switch (idempotencyText)
            {
                case "unsafe": idempotency = Idempotency.Unsafe; break;
                case "idempotent": idempotency = Idempotency.Idempotent; break;
                case "deduplicated": idempotency = Idempotency.Deduplicated; break;
                default: Report(SpecDiagnostics.WrongValueKind, idempotencyLocation, "idempotency", "one of 'unsafe', 'idempotent', 'deduplicated'"); break;
            }
        }

        // A documented de-duplication rule makes the endpoint "deduplicated"; it replaces the one-word idempotency.
        var deduplication = ParseDeduplication(obj, what);
        if (deduplication is not null)
        {
            if (idempotencyText is not null && idempotency != Idempotency.Deduplicated)
            {
                Report(SpecDiagnostics.WrongValueKind, idempotencyLocation, "idempotency", "'deduplicated' (or left out) when the endpoint states a 'deduplication' rule");
            }

            idempotency = Idempotency.Deduplicated;
        }

        var quota = ParseQuota(obj, what);
        var request = ParseFields(obj, "request", what);
        var response = ParseFields(obj, "response", what);
        if (name is null || path is null || group is null || summary is null)
        {
            return null;
        }

        return new EndpointSyntax(name, nameLocation, path, pathLocation, group, summary, description, docs, (int)rateLimit, requiresAdmin, idempotency, request, response) { Deduplication = deduplication, Quota = quota };
    }

    private EquatableArray<FieldSyntax> ParseFields(JsonObjectNode owner, string key, string what)
    {
        var fields = new List<FieldSyntax>();
        if (owner.Find(key) is { } property && ExpectArray(property.Value, key + " of " + what, out var array))
        {
            foreach (var item in array.Items)
            {
                if (ParseField(item, what) is { } field)
                {
                    fields.Add(field);
                }
            }
        }

        return fields.ToEquatableArray();
    }

    private FieldSyntax? ParseField(JsonNode node, string owner)
    {
        if (!ExpectObject(node, "a field of " + owner, out var obj))
        {
            return null;
        }

        var what = "a field of " + owner;
        CheckKeys(obj, _parsingCallbackPayload ? CallbackPayloadFieldKeys : FieldKeys, what);
        var wireName = RequiredString(obj, "name", what, out var nameLocation);
        if (wireName is not null)
        {
            what = "field '" + wireName + "' of " + owner;
            if (wireName.Length == 0)
            {
                Report(SpecDiagnostics.EmptyValue, nameLocation, "name");
                wireName = null;
            }
        }

        var csName = OptionalString(obj, "csName", out var csNameLocation);
        if (csName is not null && !Names.IsIdentifier(csName))
        {
            Report(SpecDiagnostics.InvalidName, csNameLocation, csName, "C# property name", Names.IdentifierRule);
            csName = null;
        }
        else if (csName is null && wireName is { Length: > 0 })
        {
            csName = Names.FromWireName(wireName);
            if (!Names.IsIdentifier(csName))
            {
                Report(SpecDiagnostics.InvalidName, nameLocation, csName, "C# property name derived from the wire name", Names.IdentifierRule + "; set 'csName'");
                csName = null;
            }
        }

        var type = RequiredString(obj, "type", what, out var typeLocation);
        if (type is not null && !Names.IsTypeSpelling(type))
        {
            Report(SpecDiagnostics.InvalidTypeSpelling, typeLocation, type);
            type = null;
        }

        var required = OptionalBoolean(obj, "required") ?? false;
        DefaultSyntax? defaultValue = null;
        if (obj.Find("default") is { } defaultProperty)
        {
            if (defaultProperty.Value is JsonScalarNode scalar && scalar.Kind != JsonKind.Null)
            {
                defaultValue = new DefaultSyntax(scalar.Kind, scalar.Text, scalar.Location);
            }
            else
            {
                Report(SpecDiagnostics.WrongValueKind, defaultProperty.Value.Location, "default", "a string, number or boolean");
            }
        }

        var description = OptionalString(obj, "description", out _);
        var kind = ValueKind.None;
        var kindText = OptionalString(obj, "kind", out var kindLocation);
        if (kindText is not null)
        {
            if (kindText == "userId")
            {
                kind = ValueKind.UserId;
            }
            else
            {
                Report(SpecDiagnostics.WrongValueKind, kindLocation, "kind", "'userId'");
            }
        }

        var role = FieldRole.None;
        var roleText = OptionalString(obj, "role", out var roleLocation);
        if (roleText is not null)
        {
            role = roleText switch
            {
                "messageSender" => FieldRole.MessageSender,
                "messageRecipient" => FieldRole.MessageRecipient,
                "messageRandom" => FieldRole.MessageRandom,
                "messageSequence" => FieldRole.MessageSequence,
                "messageTimestamp" => FieldRole.MessageTimestamp,
                "itemErrors" => FieldRole.ItemErrors,
                "itemResults" => FieldRole.ItemResults,
                "resultCode" => FieldRole.ResultCode,
                _ => FieldRole.None,
            };
            if (role == FieldRole.None)
            {
                Report(SpecDiagnostics.WrongValueKind, roleLocation, "role", "one of 'messageSender', 'messageRecipient', 'messageRandom', 'messageSequence', 'messageTimestamp', 'itemErrors', 'itemResults', 'resultCode'");
            }
        }

        var constraints = Constraints.None;
        SpecLocation? constraintsLocation = null;
        if (obj.Find("constraints") is { } constraintsProperty && ExpectObject(constraintsProperty.Value, "constraints", out var constraintsObject))
        {
            constraintsLocation = constraintsProperty.NameLocation;
            CheckKeys(constraintsObject, ConstraintKeys, "constraints of " + what);
            constraints = new Constraints(
                OptionalNumber(constraintsObject, "minimum"),
                OptionalNumber(constraintsObject, "maximum"),
                OptionalInteger(constraintsObject, "minBytes", 0, int.MaxValue),
                OptionalInteger(constraintsObject, "maxBytes", 1, int.MaxValue),
                OptionalInteger(constraintsObject, "minItems", 0, int.MaxValue),
                OptionalInteger(constraintsObject, "maxItems", 1, int.MaxValue),
                OptionalPattern(constraintsObject, wireName ?? "?"),
                OptionalInteger(constraintsObject, "maxJsonBytes", 1, int.MaxValue),
                VariantLimits(constraintsObject))
            {
                ErrorCodes = RuleErrorCodes(constraintsObject, wireName ?? "?"),
            };
        }

        if (wireName is null || csName is null || type is null)
        {
            return null;
        }

        var acceptsSingle = _parsingCallbackPayload && ParseAcceptsSingle(obj, wireName, type);
        return new FieldSyntax(wireName, csName, nameLocation, type, typeLocation, required, defaultValue, description, kind, role, role == FieldRole.None ? null : roleLocation, constraints, constraintsLocation)
        {
            AcceptsSingle = acceptsSingle,
        };
    }

    private EquatableArray<VariantLimit> VariantLimits(JsonObjectNode constraints)
    {
        if (constraints.Find("maxPerVariant") is not { } property || !ExpectObject(property.Value, "maxPerVariant", out var limits))
        {
            return EquatableArray<VariantLimit>.Empty;
        }

        var result = new List<VariantLimit>();
        foreach (var limit in limits.Properties)
        {
            if (OptionalInteger(limits, limit.Name, 0, int.MaxValue) is { } max)
            {
                result.Add(new VariantLimit(limit.Name, max));
            }
        }

        return result.ToEquatableArray();
    }

    private string? OptionalPattern(JsonObjectNode obj, string field)
    {
        var pattern = OptionalString(obj, "pattern", out var location);
        if (pattern is null)
        {
            return null;
        }

        try
        {
            _ = new System.Text.RegularExpressions.Regex(pattern, System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));
            return pattern;
        }
        catch (ArgumentException e)
        {
            Report(SpecDiagnostics.InvalidConstraint, location, "pattern", field, "not a valid .NET regular expression (" + e.Message + ")");
            return null;
        }
    }
}
