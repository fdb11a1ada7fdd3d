using System.Collections.Immutable;
using ImCsGen.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ImCsGen.Analyzers.Rules;

/// <summary>
/// IMCS014: <c>new HttpClient()</c> written as the argument of an ImCsGen API (<c>ImHttpTransport</c>,
/// <c>ImClient.Create</c>). Code like this usually runs per request; every HttpClient owns its own
/// connection pool, so sockets pile up in TIME_WAIT and DNS changes are never seen.
/// </summary>
// Run by ImCsGenAnalyzer (the dispatcher); no [DiagnosticAnalyzer] attribute so the compiler never runs it twice.
public sealed class InlineHttpClientAnalyzer : ImAnalyzer
{
    /// <summary>The rule.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        DiagnosticIds.InlineHttpClient,
        title: "New HttpClient passed to the IM client",
        messageFormat: "A new HttpClient is created for {0}; register the client with AddTencentIm (IHttpClientFactory) or reuse one long-lived HttpClient",
        category: DiagnosticCategories.Reliability,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Each HttpClient has its own connection pool. Creating one per client or per call exhausts sockets under load and ignores DNS changes.",
        helpLinkUri: HelpLinks.For(DiagnosticIds.InlineHttpClient));

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    internal override void Register(RuleHub hub, ImContext im)
    {
        if (im.HttpClient is not { } httpClient)
        {
            return;
        }

        hub.OnImArgument((c, argument, method) =>
        {
            // Written inline, or held in a local written once in this method (var http = new HttpClient(); ...(http)).
            // The operation's shape is checked first: almost every argument of an IM call is a request or a token, and
            // a local is only followed when its type can hold an HttpClient.
            IOperation value = ValueTracker.UnwrapConversions(argument.Value);
            IObjectCreationOperation? creation = value switch
            {
                IObjectCreationOperation created => created,
                ILocalReferenceOperation { Local.Type: var localType } when CanHold(localType, httpClient) => ValueTracker.Resolve(value, im, c.CancellationToken).Creation,
                _ => null,
            };
            if (creation is null || !SymbolEqualityComparer.Default.Equals(creation.Type, httpClient))
            {
                return;
            }

            // Only ImCsGen's own referenced APIs: a project whose namespace happens to start with ImCsGen
            // (ImCsGen.AotSmoke, say) may pass a short-lived HttpClient to its own helpers.
            if (ImSymbols.IsInImCsGenNamespace(method)
                && !SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, c.Compilation.Assembly))
            {
                string target = method.MethodKind == MethodKind.Constructor
                    ? method.ContainingType.Name
                    : method.ContainingType.Name + "." + method.Name;
                c.ReportDiagnostic(Diagnostic.Create(Rule, argument.Value.Syntax.GetLocation(), target));
            }
        });
    }

    // Whether a local of type `declared` can hold an HttpClient: HttpClient itself, a base class (HttpMessageInvoker,
    // object) or an interface of it (IDisposable); dynamic and type parameters too, conservatively.
    private static bool CanHold(ITypeSymbol declared, INamedTypeSymbol httpClient)
    {
        if (declared.TypeKind is TypeKind.Dynamic or TypeKind.TypeParameter or TypeKind.Error)
        {
            return true;
        }

        for (INamedTypeSymbol? type = httpClient; type is not null; type = type.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(declared, type))
            {
                return true;
            }
        }

        foreach (INamedTypeSymbol face in httpClient.AllInterfaces)
        {
            if (SymbolEqualityComparer.Default.Equals(declared, face))
            {
                return true;
            }
        }

        return false;
    }
}
