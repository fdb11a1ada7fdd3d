using System.Linq;
using ImCsGen.Generator.Binding;
using ImCsGen.Generator.Helpers;
using ImCsGen.Generator.Model;

namespace ImCsGen.Generator.Emit;

// Third-party callbacks: one payload class per CallbackCommand (read from Tencent's POST body, unknown
// properties kept), one reply class for callbacks whose answer steers Tencent, and a catalog that maps
// a command to its readers with a switch (no reflection, so the endpoint publishes with Native AOT).
internal static partial class Emitter
{
    private const string CallbacksNs = "global::ImCsGen.Callbacks";

    private static string EmitCallbacks(ModuleModel module)
    {
        var w = StartFile(module);
        var first = true;
        foreach (var callback in module.Callbacks)
        {
            Separate(w, ref first);
            EmitCallbackPayload(w, callback);
            if (callback.HasReplyClass)
            {
                w.WriteLine();
                EmitCallbackReply(w, module, callback);
            }
        }

        Separate(w, ref first);
        EmitCallbackCatalog(w, module);
        return EndFile(w);
    }

    private static void EmitCallbackPayload(SourceWriter w, CallbackModel callback)
    {
        w.WriteSummary(callback.Summary, SourceWriter.Escape(callback.Summary));
        w.WriteRemarks("Payload of the third-party callback <c>" + callback.Command + "</c> (" + (callback.Kind == CallbackKind.Before ? "before the event: the reply decides what Tencent does" : "after the event: the reply is only acknowledged") + ")."
            + (callback.Description is null ? string.Empty : "\n" + SourceWriter.Escape(callback.Description))
            + (callback.Docs is null ? string.Empty : "\nTencent's documentation: <see href=\"" + SourceWriter.Escape(callback.Docs) + "\"/>" + (callback.PageDate is null ? "." : " (page of " + callback.PageDate + ")."))
            + (callback.CommandInBody ? string.Empty : "\nTencent's body carries no <c>CallbackCommand</c> (the command is only in the URL): none is written unless one was read.")
            + "\nProperties Tencent sends that the spec does not list are kept in <see cref=\"" + CallbacksNs + ".ImCallbackPayload.AdditionalProperties\"/>.");
        w.OpenBlock("public sealed partial class " + callback.Name + " : " + CallbacksNs + ".ImCallbackPayload, " + CallbacksNs + ".IImCallbackPayload<" + callback.Name + ">");
        w.WriteLine("/// <summary>Tencent's <c>CallbackCommand</c> for this payload.</summary>");
        w.WriteLine("public const string CommandName = " + Literal(callback.Command) + ";");
        w.WriteLine();
        EmitEncodedNames(w, callback.Payload);
        EmitProperties(w, callback.Payload);
        w.WriteLine("/// <inheritdoc />");
        w.WriteLine("public static string Command => CommandName;");
        w.WriteLine();
        w.WriteLine("/// <inheritdoc />");
        w.WriteLine("public override " + CallbacksNs + ".ImCallbackDescriptor Descriptor => " + ModuleBuilder.CallbackCatalogName + "." + callback.Name + ";");
        w.WriteLine();
        w.WriteSummary(null, "Reads a callback body; unknown properties are kept in <see cref=\"" + CallbacksNs + ".ImCallbackPayload.AdditionalProperties\"/>.");
        w.WriteLine(ReadJsonMember(callback.Name));
        w.WriteLine();
        w.WriteSummary(null, "Writes the callback body as Tencent sends it (used by the emulator and by tests), unknown properties included.");
        w.OpenBlock("public override void WriteJson(" + Writer + " writer)");
        w.WriteLine("writer.WriteStartObject();");
        // Spec commandInBody: false where Tencent's page shows a body without CallbackCommand; the reader takes either.
        w.WriteLine(callback.CommandInBody ? "WriteCommandProperty(writer, CommandName);" : "WriteCommandPropertyIfSet(writer);");
        w.WriteLine("WriteProperties(writer);");
        w.WriteLine("WriteAdditionalProperties(writer);");
        w.WriteLine("writer.WriteEndObject();");
        w.CloseBlock();
        w.WriteLine();
        EmitWriteProperties(w, callback.Payload);
        w.WriteLine();
        EmitCallbackReadObject(w, callback.Name, callback.Payload, "TryReadCommandProperty");
        w.CloseBlock();
    }

    private static void EmitCallbackReply(SourceWriter w, ModuleModel module, CallbackModel callback)
    {
        var name = callback.Name + "Reply";
        w.WriteSummary(null, "The app's reply to <c>" + callback.Command + "</c>: the envelope (<c>ActionStatus</c>, <c>ErrorCode</c>, <c>ErrorInfo</c>) is inherited.");
        w.OpenBlock("public sealed partial class " + name + " : " + CallbacksNs + ".ImCallbackReply, " + CallbacksNs + ".IImCallbackReply<" + name + ">");
        EmitReplyCodeConstants(w, callback.ReplyCodes);
        w.WriteSummary(null, "This callback's reply codes from the spec (<c>replyCodes</c>): <c>Reject</c>, <c>Drop</c>, <c>AppError</c> and <c>Outcome</c> use them.");
        w.WriteLine("public override " + CallbacksNs + ".ImCallbackReplyCodes ReplyCodes => global::" + module.Namespace + "." + ModuleBuilder.CallbackCatalogName + "." + callback.Name + ".ReplyCodes;");
        w.WriteLine();
        EmitEncodedNames(w, callback.Reply);
        EmitProperties(w, callback.Reply);
        w.WriteSummary(null, "Reads a reply body (the emulator reads the app's answer with it).");
        w.WriteLine(ReadJsonMember(name));
        w.WriteLine();
        w.WriteSummary(null, "Checks the spec's constraints on the reply; throws <see cref=\"" + ValidationException + "\"/> naming the field and the rule.");
        w.WriteLine("public override void Validate() => ValidateProperties();");
        w.WriteLine();
        w.WriteSummary(null, "Writes the reply body, envelope included.");
        w.OpenBlock("public override void WriteJson(" + Writer + " writer)");
        w.WriteLine("writer.WriteStartObject();");
        w.WriteLine("WriteEnvelopeProperties(writer);");
        w.WriteLine("WriteProperties(writer);");
        w.WriteLine("writer.WriteEndObject();");
        w.CloseBlock();
        w.WriteLine();
        EmitWriteProperties(w, callback.Reply);
        w.WriteLine();
        EmitCallbackReadObject(w, name, callback.Reply, "TryReadEnvelopeProperty");
        w.WriteLine();
        EmitValidateProperties(w, callback.Reply);
        w.CloseBlock();
    }

    /// <summary>The spec's reply codes as constants (only those it states), each documented with the spec's citation.</summary>
    private static void EmitReplyCodeConstants(SourceWriter w, CallbackReplyCodes codes)
    {
        Constant(w, "RejectErrorCode", codes.RejectErrorCode, "The reply <c>ErrorCode</c> that refuses the event.", codes.RejectDescription);
        Constant(w, "RejectCallerCode", codes.RejectCallerCode, "The <c>ErrorCode</c> Tencent answers the sender or caller whose event was refused.", codes.RejectDescription);
        Constant(w, "DropErrorCode", codes.DropErrorCode, "The reply <c>ErrorCode</c> that discards the message silently (the sender sees success).", codes.DropDescription);
        Constant(w, "MinAppErrorCode", codes.MinAppErrorCode, "Lowest app-chosen <c>ErrorCode</c> Tencent relays, with <c>ErrorInfo</c>, to the sender.", codes.AppErrorDescription);
        Constant(w, "MaxAppErrorCode", codes.MaxAppErrorCode, "Highest app-chosen <c>ErrorCode</c> Tencent relays, with <c>ErrorInfo</c>, to the sender.", codes.AppErrorDescription);

        static void Constant(SourceWriter w, string name, int? value, string summary, string? source)
        {
            if (value is not { } code)
            {
                return;
            }

            // Every stated code has its description (the parser requires one), so no code goes out without its page.
            w.WriteSummary(null, summary + " " + SourceWriter.Escape(source ?? string.Empty));
            w.WriteLine("public const int " + name + " = " + code.ToString(System.Globalization.CultureInfo.InvariantCulture) + ";");
            w.WriteLine();
        }
    }

    private static string ReplyCodesExpression(CallbackReplyCodes codes)
    {
        static string Value(int? code) => code?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null";
        return "new " + CallbacksNs + ".ImCallbackReplyCodes(rejectErrorCode: " + Value(codes.RejectErrorCode)
            + ", rejectCallerCode: " + Value(codes.RejectCallerCode)
            + ", dropErrorCode: " + Value(codes.DropErrorCode)
            + ", minAppErrorCode: " + Value(codes.MinAppErrorCode)
            + ", maxAppErrorCode: " + Value(codes.MaxAppErrorCode) + ")";
    }

    /// <summary>Like EmitReadObject, but a property the spec does not list is kept (payload) or skipped (reply), never fatal.</summary>
    private static void EmitCallbackReadObject(SourceWriter w, string typeName, EquatableArray<FieldModel> fields, string baseReader)
    {
        var keepsUnknown = baseReader == "TryReadCommandProperty";
        w.OpenBlock("private static " + typeName + " ReadObject(ref " + Reader + " reader)");
        w.WriteLine(Json + ".ReadStartObject(ref reader, " + Literal(typeName) + ");");
        w.WriteLine("var value = new " + typeName + "();");
        w.OpenBlock("while (" + Json + ".NextProperty(ref reader))");
        foreach (var field in fields)
        {
            w.OpenBlock("if (reader.ValueTextEquals(" + EncodedName(field) + ".EncodedUtf8Bytes))");
            w.WriteLine("reader.Read();");
            var read = field.AcceptsSingle && field.Type.Element is { } element
                // Spec acceptsSingle: Tencent's pages disagree (array or one value); a lone value reads as a one-element list.
                ? "ReadArrayOrSingle<" + CsType(element) + ">(ref reader, " + Literal(field.WireName) + ", static (ref " + Reader + " r0) => " + ReadExpression(element, "r0", field.WireName, 1) + ")"
                : ReadExpression(field.Type, "reader", field.WireName, 0);
            var nested = IsNested(field.Type);
            if (nested)
            {
                w.OpenBlock("try");
            }

            w.WriteLine("value." + field.CsName + " = reader.TokenType == " + JsonTokenNull + " ? null : " + read + ";");
            if (nested)
            {
                w.CloseBlock();
                w.OpenBlock("catch (" + JsonException + " e)");
                w.WriteLine("throw e.WithParent(" + Literal(field.WireName) + ");");
                w.CloseBlock();
            }

            w.WriteLine("continue;");
            w.CloseBlock();
            w.WriteLine();
        }

        w.OpenBlock("if (value." + baseReader + "(ref reader))");
        w.WriteLine("continue;");
        w.CloseBlock();
        w.WriteLine();
        if (keepsUnknown)
        {
            w.WriteLine("// Tencent adds fields over time: keep what this spec does not know, so a handler (or a re-send) still sees it.");
            w.WriteLine("value.ReadAdditionalProperty(ref reader);");
        }
        else
        {
            w.WriteLine(Json + ".SkipValue(ref reader);");
        }

        w.CloseBlock();
        w.WriteLine();
        w.WriteLine("return value;");
        w.CloseBlock();
    }

    private static void EmitCallbackCatalog(SourceWriter w, ModuleModel module)
    {
        var catalog = ModuleBuilder.CallbackCatalogName;
        // Inside the catalog a callback's name is its descriptor property: name the classes fully.
        var ns = "global::" + module.Namespace + ".";
        w.WriteSummary(null, "Every third-party callback of namespace <c>" + module.Namespace + "</c>: its command, kind, documentation and readers.");
        w.WriteRemarks("The ASP.NET Core endpoint and the emulator find a callback's reader here by its <c>CallbackCommand</c>; a switch, not reflection.");
        w.OpenBlock("public static partial class " + catalog);
        foreach (var callback in module.Callbacks)
        {
            var outcomes = callback.Outcomes == CallbackOutcomes.None
                ? CallbacksNs + ".ImCallbackOutcomes.None"
                : string.Join(" | ", new[] { CallbackOutcomes.Allow, CallbackOutcomes.Reject, CallbackOutcomes.Drop, CallbackOutcomes.Modify, CallbackOutcomes.AppError }
                    .Where(o => (callback.Outcomes & o) != 0)
                    .Select(o => CallbacksNs + ".ImCallbackOutcomes." + o));
            var replyReader = callback.HasReplyClass
                ? "static (ref " + Reader + " reader) => " + ns + callback.Name + "Reply.ReadJson(ref reader)"
                : "static (ref " + Reader + " reader) => " + CallbacksNs + ".ImCallbackReply.ReadEnvelope(ref reader)";
            w.WriteSummary(null, "<c>" + callback.Command + "</c>: " + SourceWriter.Escape(callback.Summary));
            w.WriteLine("public static " + CallbacksNs + ".ImCallbackDescriptor " + callback.Name + " { get; } = new(");
            w.Indent();
            w.WriteLine(Literal(callback.Command) + ",");
            w.WriteLine(Literal(callback.Name) + ",");
            w.WriteLine(CallbacksNs + ".ImCallbackKind." + callback.Kind + ",");
            w.WriteLine(outcomes + ",");
            w.WriteLine((callback.Docs is null ? "null" : Literal(callback.Docs)) + ",");
            w.WriteLine("static (ref " + Reader + " reader) => " + ns + callback.Name + ".ReadJson(ref reader),");
            if (callback.Kind == CallbackKind.Before || !callback.CommandInBody)
            {
                w.WriteLine(replyReader + ")");
                w.Unindent();
                w.WriteLine("{");
                w.Indent();
                if (callback.Kind == CallbackKind.Before)
                {
                    w.WriteLine("ReplyCodes = " + ReplyCodesExpression(callback.ReplyCodes) + ",");
                }

                if (!callback.CommandInBody)
                {
                    w.WriteLine("CommandInBody = false,");
                }

                w.Unindent();
                w.WriteLine("};");
            }
            else
            {
                w.WriteLine(replyReader + ");");
                w.Unindent();
            }

            w.WriteLine();
        }

        w.WriteSummary(null, "All callbacks, ordered by command.");
        w.WriteLine("public static global::System.Collections.Generic.IReadOnlyList<" + CallbacksNs + ".ImCallbackDescriptor> All { get; } = new " + CallbacksNs + ".ImCallbackDescriptor[]");
        w.WriteLine("{");
        w.Indent();
        foreach (var callback in module.Callbacks)
        {
            w.WriteLine(callback.Name + ",");
        }

        w.Unindent();
        w.WriteLine("};");
        w.WriteLine();
        w.WriteSummary(null, "Finds a callback by Tencent's <c>CallbackCommand</c> (exact, ordinal).");
        w.OpenBlock("public static bool TryGet(string? command, [global::System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out " + CallbacksNs + ".ImCallbackDescriptor? descriptor)");
        w.OpenBlock("descriptor = command switch");
        foreach (var callback in module.Callbacks)
        {
            w.WriteLine(Literal(callback.Command) + " => " + callback.Name + ",");
        }

        w.WriteLine("_ => null,");
        w.CloseBlock(";");
        w.WriteLine("return descriptor is not null;");
        w.CloseBlock();
        w.CloseBlock();
    }
}
