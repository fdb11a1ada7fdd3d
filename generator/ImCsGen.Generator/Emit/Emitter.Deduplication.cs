using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ImCsGen.Generator.Model;

namespace ImCsGen.Generator.Emit;

// De-duplication: the rule as endpoint metadata (read by the runtime and the emulator), and per request
// the two members the transport calls once per logical call: ChooseDeduplicationKeys (never writes to the
// request) and WriteJson(writer, in keys) (writes the chosen keys into the key fields the caller left unset).
internal static partial class Emitter
{
    private const string Dedup = "global::ImCsGen.Idempotency";

    /// <summary>The object initializer that attaches the rule to the endpoint's <c>ImEndpoint</c>, or an empty string.</summary>
    private static string DeduplicationInitializer(EndpointModel endpoint)
    {
        if (endpoint.Deduplication is not { } rule)
        {
            return string.Empty;
        }

        return " { Deduplication = new " + Dedup + ".ImDeduplicationRule("
            + StringArray(rule.Keys) + ", "
            + Dedup + ".ImContentChecksum." + (rule.Crc32 ? "Crc32" : "None") + ", "
            + (rule.ContentField is null ? "null" : Literal(rule.ContentField)) + ", "
            + (rule.WindowSeconds is { } window ? window.ToString(CultureInfo.InvariantCulture) : "null") + ", "
            + Dedup + ".ImDeduplicationScope." + (rule.ConversationScope ? "Conversation" : "Recipient") + ", "
            + StringArray(rule.ServerFillsMissing) + ", "
            + StringArray(rule.ClientSets) + ", "
            + Literal(rule.Source) + ") }";
    }

    private static string StringArray(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count == 0 ? "global::System.Array.Empty<string>()" : "new string[] { " + string.Join(", ", list.Select(Literal)) + " }";
    }

    /// <summary>The request fields whose values make up the reported keys, and whether the client sets each when unset.</summary>
    private static List<(FieldModel Field, bool ClientSets)> KeyFields(EndpointModel endpoint)
    {
        var result = new List<(FieldModel, bool)>();
        foreach (var field in endpoint.Request)
        {
            if (field.Role is not (FieldRole.MessageSequence or FieldRole.MessageRandom or FieldRole.MessageTimestamp))
            {
                continue;
            }

            if (endpoint.Deduplication is { } rule)
            {
                if (rule.Keys.Contains(field.WireName, StringComparer.Ordinal))
                {
                    result.Add((field, rule.ClientSets.Contains(field.WireName, StringComparer.Ordinal)));
                }
            }
            else if (!field.Required && (field.Role == FieldRole.MessageRandom || (field.Role == FieldRole.MessageTimestamp && endpoint.Idempotency == Idempotency.Deduplicated)))
            {
                // A spec without a documented rule keeps the earlier behaviour: a random (and, for deduplicated
                // endpoints, a timestamp) chosen once per call.
                result.Add((field, true));
            }
        }

        return result;
    }

    private static void EmitDeduplicationMembers(SourceWriter w, EndpointModel endpoint)
    {
        var keys = KeyFields(endpoint);
        if (keys.Count == 0)
        {
            return;
        }

        string Slot(FieldRole role)
        {
            foreach (var (field, clientSets) in keys)
            {
                if (field.Role != role)
                {
                    continue;
                }

                var value = "this." + field.CsName;
                if (role == FieldRole.MessageTimestamp)
                {
                    return clientSets ? "(long?)" + value + " ?? random.UnixTimeSeconds()" : "(long?)" + value;
                }

                return clientSets ? value + " ?? random.NextUInt32()" : "(uint?)" + value;
            }

            return "null";
        }

        w.WriteLine("/// <inheritdoc />");
        w.OpenBlock(Dedup + ".ImDeduplicationKeys? global::ImCsGen.Serialization.IImRequest.ChooseDeduplicationKeys(global::ImCsGen.Serialization.IImRandomSource random)");
        w.WriteLine("// Chosen per logical call and returned, never stored here: a reused request gets fresh keys on every call.");
        w.WriteLine("return new " + Dedup + ".ImDeduplicationKeys(" + Slot(FieldRole.MessageSequence) + ", " + Slot(FieldRole.MessageRandom) + ", " + Slot(FieldRole.MessageTimestamp) + ");");
        w.CloseBlock();
        w.WriteLine();
        w.WriteLine("/// <inheritdoc />");
        w.OpenBlock("void global::ImCsGen.Serialization.IImRequest.WriteJson(" + Writer + " writer, in " + Dedup + ".ImDeduplicationKeys keys)");
        w.WriteLine("writer.WriteStartObject();");
        w.WriteLine("// Key fields the caller left unset carry this call's keys; WriteProperties writes only the fields that are set.");
        foreach (var (field, clientSets) in keys)
        {
            if (!clientSets)
            {
                continue;
            }

            var slot = field.Role switch { FieldRole.MessageSequence => "Sequence", FieldRole.MessageRandom => "Random", _ => "Timestamp" };
            var cast = field.Type.Kind switch { TypeRefKind.Int32 => "(int)", TypeRefKind.UInt32 when field.Role == FieldRole.MessageTimestamp => "(uint)", _ => string.Empty };
            w.OpenBlock("if (this." + field.CsName + " is null && keys." + slot + " is { } " + Local(field) + ")");
            w.WriteLine("writer.WriteNumber(" + EncodedName(field) + ", " + cast + Local(field) + ");");
            w.CloseBlock();
        }

        w.WriteLine("WriteProperties(writer);");
        w.WriteLine("writer.WriteEndObject();");
        w.CloseBlock();
        w.WriteLine();
    }
}
