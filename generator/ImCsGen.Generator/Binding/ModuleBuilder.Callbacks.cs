using System;
using System.Collections.Generic;
using System.Linq;
using ImCsGen.Generator.Diagnostics;
using ImCsGen.Generator.Helpers;
using ImCsGen.Generator.Model;

namespace ImCsGen.Generator.Binding;

// Callbacks: resolve payload and reply fields with the same rules as endpoints, and keep the names the
// generated callback classes need free.
internal sealed partial class ModuleBuilder
{
    /// <summary>The per-namespace class that maps a CallbackCommand to its reader (see Emitter.Callbacks).</summary>
    public const string CallbackCatalogName = "ImCallbackCatalog";

    // Members of the runtime's payload base class; a payload field may not take these names.
    // The reply class adds ReplyCodes and the spec's reply-code constants (Emitter.Callbacks).
    private static readonly string[] PayloadMembers = { "CallbackCommand", "AdditionalProperties", "Descriptor", "CommandName", "Command", "Kind", "ReplyCodes", "Outcome", "RejectErrorCode", "RejectCallerCode", "DropErrorCode", "MinAppErrorCode", "MaxAppErrorCode" };

    private EquatableArray<CallbackModel> BindCallbacks(List<SpecFileSyntax> files, Dictionary<string, string> generatedNames)
    {
        var result = new List<CallbackModel>();
        var byCommand = new Dictionary<string, CallbackSyntax>(StringComparer.Ordinal);
        var byName = new Dictionary<string, CallbackSyntax>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            foreach (var callback in file.Callbacks)
            {
                if (byName.ContainsKey(callback.Name))
                {
                    Report(SpecDiagnostics.DuplicateName, callback.Location, "Callback", callback.Name, " in namespace '" + _namespace + "'");
                    continue;
                }

                byName.Add(callback.Name, callback);
                if (byCommand.TryGetValue(callback.Command, out var other))
                {
                    Report(SpecDiagnostics.InvalidCallback, callback.CommandLocation, callback.Name, "command '" + callback.Command + "' is already described by callback '" + other.Name + "'");
                    continue;
                }

                byCommand.Add(callback.Command, callback);
                var replyName = callback.Name + "Reply";
                foreach (var (name, what) in new[] { (callback.Name, "the payload class"), (replyName, "the reply class") })
                {
                    if (_types.TryGetValue(name, out var clashing))
                    {
                        Report(SpecDiagnostics.ReservedName, clashing.Location, clashing.Name, "namespace '" + _namespace + "'", what + " of callback '" + callback.Name + "'");
                    }
                    else if (generatedNames.TryGetValue(name, out var generated))
                    {
                        Report(SpecDiagnostics.ReservedName, callback.Location, name, "namespace '" + _namespace + "'", generated);
                    }
                }

                if (callback.Name == CallbackCatalogName)
                {
                    Report(SpecDiagnostics.ReservedName, callback.Location, callback.Name, "namespace '" + _namespace + "'", "the callback catalog");
                }

                foreach (var field in callback.Payload.Concat(callback.Reply))
                {
                    if (Array.IndexOf(PayloadMembers, field.CsName) >= 0 || field.WireName == "CallbackCommand")
                    {
                        Report(SpecDiagnostics.InvalidCallback, field.Location, callback.Name, "field '" + field.WireName + "' is a member of the generated base class (CallbackCommand, AdditionalProperties, Descriptor); do not list it");
                    }
                }

                // Tencent sends callbacks and may add or drop fields: nothing in a payload is enforced on read,
                // and a reply is ours to fill, so 'required' there is documentation only.
                var payload = BindFields(callback.Payload, callback.Name, isResponse: false, discriminator: null);
                var reply = BindFields(callback.Reply, replyName, isResponse: true, discriminator: null);
                result.Add(new CallbackModel(
                    callback.Name,
                    callback.Command,
                    callback.Kind,
                    callback.Outcomes,
                    callback.Summary,
                    callback.Description,
                    callback.Docs,
                    callback.PageDate,
                    payload.Select(f => f with { Required = false, DefaultLiteral = null }).ToEquatableArray(),
                    reply.Select(f => f with { Required = false, DefaultLiteral = null }).ToEquatableArray())
                {
                    ReplyCodes = callback.ReplyCodes,
                    CommandInBody = callback.CommandInBody,
                });
            }
        }

        if (result.Count > 0 && _types.TryGetValue(CallbackCatalogName, out var catalogClash))
        {
            Report(SpecDiagnostics.ReservedName, catalogClash.Location, CallbackCatalogName, "namespace '" + _namespace + "'", "the callback catalog");
        }

        return result.OrderBy(c => c.Command, StringComparer.Ordinal).ToEquatableArray();
    }
}
