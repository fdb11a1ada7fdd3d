using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using ImCsGen.Generator.Diagnostics;
using ImCsGen.Generator.Helpers;
using ImCsGen.Generator.Json;
using ImCsGen.Generator.Model;

namespace ImCsGen.Generator.Parsing;

// The "callbacks" section: one entry per third-party callback command Tencent POSTs to the app.
internal sealed partial class SpecParser
{
    // A callback payload field may also say "acceptsSingle" (elsewhere the key is unknown, IMSPEC004).
    private static readonly string[] CallbackPayloadFieldKeys = { "name", "csName", "type", "required", "default", "description", "kind", "role", "constraints", "acceptsSingle" };

    private static readonly string[] CallbackKeys = { "name", "command", "kind", "summary", "description", "docs", "pageDate", "commandInBody", "outcomes", "replyCodes", "payload", "reply" };

    // Tencent's commands are "Area.Name" (C2C.CallbackAfterSendMsg, State.StateChange, Bot.OnC2CMessage).
    private static readonly Regex CommandPattern = new("^[A-Za-z][A-Za-z0-9]*\\.[A-Za-z][A-Za-z0-9]*$", RegexOptions.CultureInvariant);
    private static readonly Regex DatePattern = new("^[0-9]{4}-[0-9]{2}-[0-9]{2}$", RegexOptions.CultureInvariant);

    // Set while the fields of a callback's "payload" are parsed: the only place "acceptsSingle" is allowed.
    private bool _parsingCallbackPayload;

    private EquatableArray<CallbackSyntax> ParseCallbacks(JsonObjectNode top)
    {
        var callbacks = new List<CallbackSyntax>();
        if (top.Find("callbacks") is { } property && ExpectArray(property.Value, "callbacks", out var array))
        {
            foreach (var item in array.Items)
            {
                _cancellationToken.ThrowIfCancellationRequested();
                if (ParseCallback(item) is { } callback)
                {
                    callbacks.Add(callback);
                }
            }
        }

        return callbacks.ToEquatableArray();
    }

    private CallbackSyntax? ParseCallback(JsonNode node)
    {
        if (!ExpectObject(node, "a callback", out var obj))
        {
            return null;
        }

        var what = "callback";
        CheckKeys(obj, CallbackKeys, what);
        var name = RequiredString(obj, "name", what, out var nameLocation);
        if (name is not null)
        {
            what = "callback '" + name + "'";
            if (!Names.IsTypeName(name))
            {
                Report(SpecDiagnostics.InvalidName, nameLocation, name, "callback name", Names.TypeNameRule);
                name = null;
            }
        }

        var command = RequiredString(obj, "command", what, out var commandLocation);
        if (command is not null && !CommandPattern.IsMatch(command))
        {
            Report(SpecDiagnostics.InvalidCallback, commandLocation, name ?? "?", "'command' must be Tencent's CallbackCommand, 'Area.Name' (e.g. C2C.CallbackAfterSendMsg), not '" + command + "'");
            command = null;
        }

        var kind = CallbackKind.After;
        var kindText = RequiredString(obj, "kind", what, out var kindLocation);
        switch (kindText)
        {
            case null: break;
            case "before": kind = CallbackKind.Before; break;
            case "after": kind = CallbackKind.After; break;
            default:
                Report(SpecDiagnostics.WrongValueKind, kindLocation, "kind", "'before' or 'after'");
                kindText = null;
                break;
        }

        var outcomes = ParseOutcomes(obj, name ?? "?", kind);
        var replyCodes = kindText is null ? CallbackReplyCodes.None : ParseReplyCodes(obj, name ?? "?", kind, outcomes);
        var summary = RequiredString(obj, "summary", what, out _);
        var description = OptionalString(obj, "description", out _);
        var docs = OptionalString(obj, "docs", out var docsLocation);
        if (docs is not null && !docs.StartsWith("https://", StringComparison.Ordinal))
        {
            Report(SpecDiagnostics.WrongValueKind, docsLocation, "docs", "an https:// link to Tencent's documentation");
            docs = null;
        }

        var pageDate = OptionalString(obj, "pageDate", out var pageDateLocation);
        if (pageDate is not null && !DatePattern.IsMatch(pageDate))
        {
            Report(SpecDiagnostics.WrongValueKind, pageDateLocation, "pageDate", "a date 'yyyy-MM-dd' (the page's last-updated date)");
            pageDate = null;
        }

        // Most pages' example bodies repeat CallbackCommand; a few (moderation results, push events) carry it only in the URL.
        var commandInBody = OptionalBoolean(obj, "commandInBody") ?? true;
        _parsingCallbackPayload = true;
        EquatableArray<FieldSyntax> payload;
        try
        {
            payload = ParseFields(obj, "payload", what);
        }
        finally
        {
            _parsingCallbackPayload = false;
        }

        var reply = ParseFields(obj, "reply", what);
        if (kind == CallbackKind.After && reply.Count > 0 && kindText is not null)
        {
            // Tencent ignores what an after-callback answers beyond the envelope: a field there would promise an effect that never happens.
            Report(SpecDiagnostics.InvalidCallback, kindLocation, name ?? "?", "an 'after' callback's reply is only acknowledged; remove 'reply' or make the callback 'before'");
        }

        if (name is null || command is null || kindText is null || summary is null)
        {
            return null;
        }

        return new CallbackSyntax(name, nameLocation, command, commandLocation, kind, outcomes, summary, description, docs, pageDate, payload, reply)
        {
            ReplyCodes = replyCodes,
            CommandInBody = commandInBody,
        };
    }

    /// <summary>
    /// A callback payload field's "acceptsSingle": Tencent's pages disagree on whether it is an array or one value,
    /// so the reader takes a lone value as a one-element array. Only an array field may say so.
    /// </summary>
    private bool ParseAcceptsSingle(JsonObjectNode obj, string field, string? typeSpelling)
    {
        if (OptionalBoolean(obj, "acceptsSingle") is not true)
        {
            return false;
        }

        if (typeSpelling is not null && !typeSpelling.EndsWith("[]", StringComparison.Ordinal))
        {
            Report(SpecDiagnostics.InvalidRoleOrKind, obj.Find("acceptsSingle")!.NameLocation, field, "flag", "acceptsSingle", "it applies to an array field (T[]), and the type is '" + typeSpelling + "'");
            return false;
        }

        return true;
    }

    private CallbackOutcomes ParseOutcomes(JsonObjectNode obj, string name, CallbackKind kind)
    {
        if (obj.Find("outcomes") is not { } property)
        {
            // Unstated: a before-callback can at least allow (every page); anything more is the page's to say.
            return kind == CallbackKind.Before ? CallbackOutcomes.Allow : CallbackOutcomes.None;
        }

        if (!ExpectArray(property.Value, "outcomes", out var array))
        {
            return CallbackOutcomes.None;
        }

        if (kind == CallbackKind.After)
        {
            Report(SpecDiagnostics.InvalidCallback, property.NameLocation, name, "'outcomes' applies to 'before' callbacks only (Tencent ignores an after-callback's answer)");
            return CallbackOutcomes.None;
        }

        var outcomes = CallbackOutcomes.None;
        foreach (var item in array.Items)
        {
            var text = item is JsonScalarNode { Kind: JsonKind.String } scalar ? scalar.Text : null;
            var outcome = text switch
            {
                "allow" => CallbackOutcomes.Allow,
                "reject" => CallbackOutcomes.Reject,
                "drop" => CallbackOutcomes.Drop,
                "modify" => CallbackOutcomes.Modify,
                "appError" => CallbackOutcomes.AppError,
                _ => CallbackOutcomes.None,
            };
            if (outcome == CallbackOutcomes.None)
            {
                Report(SpecDiagnostics.WrongValueKind, item.Location, "outcomes", "a list of 'allow', 'reject', 'drop', 'modify', 'appError'");
            }

            outcomes |= outcome;
        }

        if ((outcomes & CallbackOutcomes.Allow) == 0)
        {
            Report(SpecDiagnostics.InvalidCallback, property.NameLocation, name, "'outcomes' must include 'allow' (the reply every before-callback accepts, and the fallback when the app overruns)");
        }

        return outcomes;
    }
}
