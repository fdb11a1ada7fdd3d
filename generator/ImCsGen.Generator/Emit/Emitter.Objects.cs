using System.Linq;
using ImCsGen.Generator.Model;

namespace ImCsGen.Generator.Emit;

// Object types (plain or union variants), requests and responses.
internal static partial class Emitter
{
    /// <summary>
    /// The public <c>ReadJson</c> of a type whose object reader is <c>ReadObject</c>. A whole body (a fresh
    /// reader) goes through <c>ImJson.ReadDocument</c>, so malformed JSON, invalid UTF-8 and trailing content end
    /// in an ImJsonException with a path (found by fuzzing, issue 18); a nested object is read directly.
    /// </summary>
    private static string ReadJsonMember(string typeName, string objectReader = "ReadObject")
        => "public static " + typeName + " ReadJson(ref " + Reader + " reader) => " + Json + ".IsDocumentStart(ref reader) ? " + Json + ".ReadDocument(ref reader, "
           + Literal(typeName) + ", static (ref " + Reader + " r) => " + objectReader + "(ref r)) : " + objectReader + "(ref reader);";

    private static void EmitObject(SourceWriter w, ObjectTypeModel type, UnionTypeModel? union)
    {
        w.WriteSummary(type.Description, "The <c>" + type.Name + "</c> object.");
        var baseList = union is null ? string.Empty : " : " + union.Name;
        w.OpenBlock("public sealed partial class " + type.Name + baseList);
        EmitEncodedNames(w, type.Fields);
        EmitReadingConstructors(w, type.Name, type.Fields);
        EmitProperties(w, type.Fields);
        EmitCompletenessMembers(w, type.Fields);
        if (union is null)
        {
            EmitWriteJson(w, "Writes this object as JSON, with Tencent's field names.", withEnvelope: false);
            w.WriteLine();
            w.WriteSummary(null, "Reads the object at the reader's current token; unknown properties are skipped.");
            w.WriteLine(ReadJsonMember(type.Name));
            w.WriteLine();
            w.WriteSummary(null, "Checks the spec's constraints; throws <see cref=\"" + ValidationException + "\"/> naming the field and the rule.");
            w.WriteLine("public void Validate() => ValidateProperties();");
        }
        else
        {
            EmitVariantMembers(w, type, union);
        }

        w.WriteLine();
        EmitWriteProperties(w, type.Fields);
        w.WriteLine();
        EmitReadObject(w, type.Name, type.Fields, isResponse: false, tolerant: true);
        w.WriteLine();
        EmitValidateProperties(w, type.Fields);
        w.CloseBlock();
    }

    /// <param name="sender">The class whose method sends the request (the group's sub-client).</param>
    private static void EmitRequest(SourceWriter w, string clientName, string sender, EndpointModel endpoint)
    {
        var name = endpoint.Name + "Request";
        w.WriteSummary(endpoint.Summary, SourceWriter.Escape(endpoint.Summary));
        w.WriteRemarks("Request of <c>POST /v4/" + endpoint.Service + "/" + endpoint.Command + "</c>; sent by <see cref=\"" + sender + "." + endpoint.Name + "Async\"/>."
            + (endpoint.Docs is null ? string.Empty : "\nTencent's documentation: <see href=\"" + SourceWriter.Escape(endpoint.Docs) + "\"/>."));
        w.WriteLine("[" + Metadata + ".ImEndpoint(" + Literal(endpoint.Service + "/" + endpoint.Command) + ", Name = " + Literal(endpoint.Name)
            + ", Group = " + Literal(endpoint.Group) + ", RateLimitPerSecond = " + endpoint.RateLimit.ToString(System.Globalization.CultureInfo.InvariantCulture)
            + ", RequiresAdmin = " + (endpoint.RequiresAdmin ? "true" : "false") + ", Idempotency = global::ImCsGen.Transport.ImIdempotency." + endpoint.Idempotency + ")]");
        w.OpenBlock("public sealed partial class " + name + " : global::ImCsGen.Serialization.IImRequest");
        EmitEncodedNames(w, endpoint.Request);
        EmitReadingConstructors(w, name, endpoint.Request);
        EmitProperties(w, endpoint.Request);
        w.WriteLine("/// <inheritdoc />");
        w.WriteLine("global::ImCsGen.Transport.ImEndpoint global::ImCsGen.Serialization.IImRequest.Endpoint => " + clientName + "Endpoints." + endpoint.Name + ";");
        w.WriteLine();
        EmitDeduplicationMembers(w, endpoint);
        EmitQuotaItems(w, endpoint);
        EmitWriteJson(w, "Writes the request body.", withEnvelope: false);
        w.WriteLine();
        w.WriteSummary(null, "Reads a request body (used by the emulator and by tests).");
        w.WriteLine(ReadJsonMember(name));
        w.WriteLine();
        var sizesWritten = endpoint.Request.Any(static f => f.Constraints.MaxJsonBytes is not null);
        if (sizesWritten)
        {
            w.WriteSummary(null, "Checks the spec's constraints; throws <see cref=\"" + ValidationException + "\"/> naming the field and the rule.");
            w.WriteLine("public void Validate() => ValidateProperties(measureJsonSize: true);");
            w.WriteLine();
            w.WriteLine("/// <inheritdoc />");
            w.WriteLine("void global::ImCsGen.Serialization.IImRequest.ValidateExceptWrittenSizes() => ValidateProperties(measureJsonSize: false);");
        }
        else
        {
            w.WriteSummary(null, "Checks the spec's constraints; throws <see cref=\"" + ValidationException + "\"/> naming the field and the rule. The transport calls it before anything is sent.");
            w.WriteLine("public void Validate() => ValidateProperties();");
        }

        w.WriteLine();
        EmitWriteProperties(w, endpoint.Request, checkWrittenSizes: sizesWritten);
        w.WriteLine();
        EmitReadObject(w, name, endpoint.Request, isResponse: false);
        w.WriteLine();
        EmitValidateProperties(w, endpoint.Request, sizesWritten);
        w.CloseBlock();
    }

    private static void EmitResponse(SourceWriter w, EndpointModel endpoint)
    {
        var name = endpoint.Name + "Response";
        w.WriteSummary(null, "Response of <c>" + endpoint.Service + "/" + endpoint.Command + "</c> (" + endpoint.Name + "). The envelope (<c>ActionStatus</c>, <c>ErrorCode</c>, ...) is inherited.");
        w.OpenBlock("public sealed partial class " + name + " : global::ImCsGen.Serialization.ImResponse, global::ImCsGen.Serialization.IImResponse<" + name + ">");
        EmitEncodedNames(w, endpoint.Response);
        EmitProperties(w, endpoint.Response);
        var itemErrors = new System.Collections.Generic.List<string>();
        foreach (var field in endpoint.Response)
        {
            if (field.Role == FieldRole.ItemErrors)
            {
                itemErrors.Add("this." + field.CsName + " is { Count: > 0 }");
            }
            else if (field.Role == FieldRole.ItemResults)
            {
                itemErrors.Add("AnyFailed(this." + field.CsName + ", static item => item." + field.ResultCodeMember + ")");
            }
        }

        if (itemErrors.Count > 0)
        {
            w.WriteLine("/// <inheritdoc />");
            w.WriteLine("public override bool HasItemErrors => " + string.Join(" || ", itemErrors) + ";");
            w.WriteLine();
        }

        w.WriteSummary(null, "Reads a whole response body, envelope included; unknown properties are skipped.");
        w.WriteLine(ReadJsonMember(name));
        w.WriteLine();
        EmitWriteJson(w, "Writes the response body, envelope included (used by the emulator and by tests).", withEnvelope: true);
        w.WriteLine();
        EmitWriteProperties(w, endpoint.Response);
        w.WriteLine();
        EmitReadObject(w, name, endpoint.Response, isResponse: true);
        w.CloseBlock();
    }

    private static void EmitWriteJson(SourceWriter w, string summary, bool withEnvelope)
    {
        w.WriteSummary(null, summary);
        w.OpenBlock("public void WriteJson(" + Writer + " writer)");
        w.WriteLine("writer.WriteStartObject();");
        if (withEnvelope)
        {
            w.WriteLine("WriteEnvelopeProperties(writer);");
        }

        w.WriteLine("WriteProperties(writer);");
        w.WriteLine("writer.WriteEndObject();");
        w.CloseBlock();
    }
}
