using System.Globalization;
using ImCsGen.Generator.Model;

namespace ImCsGen.Generator.Emit;

// The endpoint table, the client interface (for mocking) and the client class: one method per endpoint.
internal static partial class Emitter
{
    private static string EmitClient(ModuleModel module)
    {
        var client = module.ClientName!;
        var w = StartFile(module);
        w.WriteSummary(null, "The endpoints of <see cref=\"" + client + "\"/>, as the transport sees them (path, rate limit, idempotency).");
        w.OpenBlock("public static partial class " + client + "Endpoints");
        foreach (var e in module.Endpoints)
        {
            w.WriteSummary(null, "<c>" + e.Service + "/" + e.Command + "</c>: " + SourceWriter.Escape(e.Summary));
            w.WriteLine("public static global::ImCsGen.Transport.ImEndpoint " + e.Name + " { get; } = new global::ImCsGen.Transport.ImEndpoint("
                + Literal(e.Name) + ", " + Literal(e.Service) + ", " + Literal(e.Command) + ", " + Literal(e.Group) + ", "
                + e.RateLimit.ToString(CultureInfo.InvariantCulture) + ", " + (e.RequiresAdmin ? "true" : "false")
                + ", global::ImCsGen.Transport.ImIdempotency." + e.Idempotency + ")" + EndpointInitializer(e) + ";");
            w.WriteLine();
        }

        w.WriteSummary(null, "Every endpoint, in spec order. Declared last: static initializers run in text order.");
        w.OpenBlock("public static global::System.Collections.Generic.IReadOnlyList<global::ImCsGen.Transport.ImEndpoint> All { get; } = new global::ImCsGen.Transport.ImEndpoint[]");
        foreach (var e in module.Endpoints)
        {
            w.WriteLine(e.Name + ",");
        }

        w.CloseBlock(";");
        w.CloseBlock();
        w.WriteLine();

        w.WriteSummary(null, "The IM REST calls of namespace " + module.Namespace + ", one method per endpoint of the spec.");
        w.OpenBlock("public partial interface I" + client);
        var first = true;
        foreach (var e in module.Endpoints)
        {
            Separate(w, ref first);
            EmitMethodDocs(w, e);
            w.WriteLine(Signature(e) + ";");
        }

        w.CloseBlock();
        w.WriteLine();

        w.WriteSummary(null, "Typed client for the IM REST endpoints of namespace " + module.Namespace + ". Every call goes through an <see cref=\"global::ImCsGen.Transport.IImTransport\"/>, which validates, signs, rate-limits, retries and parses.");
        w.OpenBlock("public sealed partial class " + client + " : I" + client);
        w.WriteLine("private readonly global::ImCsGen.Transport.IImTransport _transport;");
        w.WriteLine();
        w.WriteSummary(null, "Creates a client that sends through <paramref name=\"transport\"/>.");
        w.WriteLine("/// <param name=\"transport\">The transport: the HTTP one, the emulator's, or a test fake.</param>");
        w.OpenBlock("public " + client + "(global::ImCsGen.Transport.IImTransport transport)");
        w.WriteLine("_transport = transport ?? throw new global::System.ArgumentNullException(nameof(transport));");
        w.CloseBlock();
        w.WriteLine();
        w.WriteSummary(null, "The transport every call goes through.");
        w.WriteLine("public global::ImCsGen.Transport.IImTransport Transport => _transport;");
        foreach (var e in module.Endpoints)
        {
            w.WriteLine();
            w.WriteLine("/// <inheritdoc />");
            w.OpenBlock("public " + Signature(e));
            w.OpenBlock("if (request is null)");
            w.WriteLine("throw new global::System.ArgumentNullException(nameof(request));");
            w.CloseBlock();
            w.WriteLine();
            w.WriteLine("return _transport.SendAsync<" + e.Name + "Request, " + e.Name + "Response>(request, cancellationToken);");
            w.CloseBlock();
        }

        w.CloseBlock();
        return EndFile(w);
    }

    private static string Signature(EndpointModel e)
        => "global::System.Threading.Tasks.Task<" + e.Name + "Response> " + e.Name + "Async(" + e.Name + "Request request, global::System.Threading.CancellationToken cancellationToken = default)";

    private static void EmitMethodDocs(SourceWriter w, EndpointModel e)
    {
        w.WriteSummary(e.Summary, SourceWriter.Escape(e.Summary));
        var remarks = "<c>POST /v4/" + e.Service + "/" + e.Command + "</c> (group " + SourceWriter.Escape(e.Group) + "; default limit "
            + e.RateLimit.ToString(CultureInfo.InvariantCulture) + " calls/s"
            + (e.Idempotency == Idempotency.Unsafe ? "; retried only when Tencent certainly did not process it" : "; safe to retry") + ").";
        if (e.Description is not null)
        {
            remarks += "\n" + SourceWriter.Escape(e.Description);
        }

        if (e.Docs is not null)
        {
            remarks += "\nTencent's documentation: <see href=\"" + SourceWriter.Escape(e.Docs) + "\"/>.";
        }

        w.WriteRemarks(remarks);
        w.WriteLine("/// <param name=\"request\">The request; validated before anything is sent.</param>");
        w.WriteLine("/// <param name=\"cancellationToken\">Cancels the call, its retries and its rate-limit wait.</param>");
        w.WriteLine("/// <returns>The typed response; a failure answer throws <see cref=\"global::ImCsGen.ImException\"/>.</returns>");
    }
}
