using System;
using System.Collections.Generic;
using ImCsGen.Generator.Diagnostics;
using ImCsGen.Generator.Helpers;
using ImCsGen.Generator.Json;
using ImCsGen.Generator.Model;

namespace ImCsGen.Generator.Parsing;

// Tencent's own error codes stated next to the rules they belong to: "errorCodes" in a field's constraints
// (the code the server answers when the rule is broken) and "replyCodes" of a before-callback (the codes of
// its outcomes). Both are read here once, so the runtime and the emulator get them from generated code.
internal sealed partial class SpecParser
{
    // Constraint keys an error code may be attached to (every constraint but errorCodes itself).
    private static readonly string[] RuleKeys = { "minimum", "maximum", "minBytes", "maxBytes", "minItems", "maxItems", "pattern", "maxJsonBytes", "maxPerVariant" };
    private static readonly string[] ErrorCodeKeys = { "code", "description" };
    private static readonly string[] ReplyCodeKeys = { "reject", "drop", "appError" };
    private static readonly string[] RejectKeys = { "errorCode", "callerCode", "description" };
    private static readonly string[] DropKeys = { "errorCode", "description" };
    private static readonly string[] AppErrorKeys = { "min", "max", "description" };

    private EquatableArray<RuleErrorCode> RuleErrorCodes(JsonObjectNode constraints, string field)
    {
        if (constraints.Find("errorCodes") is not { } property || !ExpectObject(property.Value, "errorCodes", out var codes))
        {
            return EquatableArray<RuleErrorCode>.Empty;
        }

        var result = new List<RuleErrorCode>();
        foreach (var entry in codes.Properties)
        {
            if (Array.IndexOf(RuleKeys, entry.Name) < 0)
            {
                Report(SpecDiagnostics.InvalidConstraint, entry.NameLocation, "errorCodes", field, "'" + entry.Name + "' is not a constraint; key each code by a constraint of the same object (" + string.Join(", ", RuleKeys) + ")");
                continue;
            }

            if (constraints.Find(entry.Name) is null)
            {
                Report(SpecDiagnostics.InvalidConstraint, entry.NameLocation, "errorCodes", field, "'" + entry.Name + "' has an error code but no rule; set the constraint '" + entry.Name + "' in the same object");
                continue;
            }

            if (!ExpectObject(entry.Value, "errorCodes." + entry.Name, out var value))
            {
                continue;
            }

            var what = "error code '" + entry.Name + "' of field '" + field + "'";
            CheckKeys(value, ErrorCodeKeys, what);
            var code = RequiredCode(value, "code", what, 1);
            var description = RequiredString(value, "description", what, out _);
            if (code is null || description is null)
            {
                continue;
            }

            // The runtime reports minimum and maximum as one rule, 'range': both must then name the same code.
            var rule = entry.Name is "minimum" or "maximum" ? "range" : entry.Name;
            var same = result.Find(r => r.Rule == rule);
            if (same is null)
            {
                result.Add(new RuleErrorCode(rule, code.Value, description));
            }
            else if (same.Code != code.Value)
            {
                Report(SpecDiagnostics.InvalidConstraint, entry.NameLocation, "errorCodes", field, "'minimum' and 'maximum' are one rule ('range') to the runtime; give them the same code");
            }
        }

        return result.ToEquatableArray();
    }

    private CallbackReplyCodes ParseReplyCodes(JsonObjectNode obj, string name, CallbackKind kind, CallbackOutcomes outcomes)
    {
        var property = obj.Find("replyCodes");
        if (kind == CallbackKind.After)
        {
            if (property is not null)
            {
                Report(SpecDiagnostics.InvalidCallback, property.NameLocation, name, "'replyCodes' applies to 'before' callbacks only (Tencent ignores an after-callback's answer)");
            }

            return CallbackReplyCodes.None;
        }

        JsonObjectNode? codes = null;
        if (property is not null && ExpectObject(property.Value, "replyCodes", out var value))
        {
            codes = value;
            CheckKeys(value, ReplyCodeKeys, "replyCodes of callback '" + name + "'");
            foreach (var entry in value.Properties)
            {
                var outcome = entry.Name switch
                {
                    "reject" => CallbackOutcomes.Reject,
                    "drop" => CallbackOutcomes.Drop,
                    "appError" => CallbackOutcomes.AppError,
                    _ => CallbackOutcomes.None,
                };
                if (outcome != CallbackOutcomes.None && (outcomes & outcome) == 0)
                {
                    Report(SpecDiagnostics.InvalidCallback, entry.NameLocation, name, "'replyCodes' states '" + entry.Name + "', which 'outcomes' does not list; add it there or remove the codes");
                }
            }
        }

        int? rejectCode = null, callerCode = null, dropCode = null, min = null, max = null;
        string? rejectText = null, dropText = null, appErrorText = null;
        if ((outcomes & CallbackOutcomes.Reject) != 0)
        {
            // A reply code is Tencent's, stated from the callback's page; none stated, none generated (Reject() then
            // refuses to guess), so the generator holds no Tencent code of its own.
            if (codes?.Find("reject") is { } reject && ExpectObject(reject.Value, "replyCodes.reject", out var rejectObj))
            {
                var what = "replyCodes.reject of callback '" + name + "'";
                CheckKeys(rejectObj, RejectKeys, what);
                rejectCode = rejectObj.Find("errorCode") is null ? null : RequiredCode(rejectObj, "errorCode", what, 1);
                callerCode = RequiredCode(rejectObj, "callerCode", what, 1);
                rejectText = RequiredString(rejectObj, "description", what, out _);
            }
        }

        if ((outcomes & CallbackOutcomes.Drop) != 0)
        {
            if (codes?.Find("drop") is { } drop && ExpectObject(drop.Value, "replyCodes.drop", out var dropObj))
            {
                var what = "replyCodes.drop of callback '" + name + "'";
                CheckKeys(dropObj, DropKeys, what);
                dropCode = dropObj.Find("errorCode") is null ? null : RequiredCode(dropObj, "errorCode", what, 1);
                dropText = RequiredString(dropObj, "description", what, out _);
            }
        }

        if (rejectCode is not null && rejectCode == dropCode && codes?.Find("drop") is { } clash)
        {
            Report(SpecDiagnostics.InvalidCallback, clash.NameLocation, name, "reject and drop both use reply ErrorCode " + rejectCode.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) + "; Tencent tells them apart by the code");
        }

        if ((outcomes & CallbackOutcomes.AppError) != 0)
        {
            if (codes?.Find("appError") is { } appError)
            {
                if (ExpectObject(appError.Value, "replyCodes.appError", out var rangeObj))
                {
                    var what = "replyCodes.appError of callback '" + name + "'";
                    CheckKeys(rangeObj, AppErrorKeys, what);
                    min = RequiredCode(rangeObj, "min", what, 3);
                    max = RequiredCode(rangeObj, "max", what, 3);
                    appErrorText = RequiredString(rangeObj, "description", what, out _);
                    if (min is not null && max is not null && min > max)
                    {
                        Report(SpecDiagnostics.InvalidCallback, rangeObj.Location, name, "replyCodes.appError: 'min' (" + min.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) + ") is above 'max' (" + max.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) + ")");
                        min = max = null;
                    }
                }
            }
            else
            {
                // The relayed range differs per callback family (120001..130000 for one-to-one, 10100..10200 for groups):
                // there is no safe default, so the spec must state the page's range.
                Report(SpecDiagnostics.InvalidCallback, property?.NameLocation ?? obj.Location, name, "'outcomes' lists 'appError' but 'replyCodes' states no 'appError' range ({\"min\": ..., \"max\": ...} from the callback's page)");
            }
        }

        return new CallbackReplyCodes(rejectCode, callerCode, rejectText, dropCode, dropText, min, max, appErrorText);
    }

    /// <summary>A required integer code from <paramref name="min"/> to int.MaxValue; reports and returns null otherwise.</summary>
    private int? RequiredCode(JsonObjectNode obj, string key, string what, int min)
    {
        if (obj.Find(key) is null)
        {
            Report(SpecDiagnostics.MissingProperty, obj.Location, what, key);
            return null;
        }

        return OptionalInteger(obj, key, min, int.MaxValue) is { } value ? (int)value : null;
    }
}
