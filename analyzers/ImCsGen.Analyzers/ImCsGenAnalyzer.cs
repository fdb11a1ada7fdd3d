using System.Collections.Immutable;
using ImCsGen.Analyzers.Infrastructure;
using ImCsGen.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ImCsGen.Analyzers;

/// <summary>
/// The only analyzer the compiler loads from this assembly: it runs every IMCS rule through one
/// <see cref="RuleHub"/>, so the project is walked once per operation kind whatever the number of rules, and
/// every operation that does not touch an IM type leaves after one cached lookup. The rule classes carry no
/// <c>[DiagnosticAnalyzer]</c> attribute, so they are never run twice.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ImCsGenAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Every rule, in ID order.</summary>
    internal static readonly ImmutableArray<ImAnalyzer> Rules = ImmutableArray.Create<ImAnalyzer>(
        new MissingMessageSenderAnalyzer(),
        new NonAdminIdentifierAnalyzer(),
        new SenderIsAdministratorAnalyzer(),
        new SenderEqualsRecipientAnalyzer(),
        new StringLengthAnalyzer(),
        new NumericRangeAnalyzer(),
        new ItemCountAnalyzer(),
        new PatternAnalyzer(),
        new RequiredFieldNullAnalyzer(),
        new SecretKeyLiteralAnalyzer(),
        new ConstantMessageRandomAnalyzer(),
        new UserSigLifetimeAnalyzer(),
        new DuplicateCustomElementAnalyzer(),
        new InlineHttpClientAnalyzer(),
        new BlockingCallbackHandlerAnalyzer());

    private static readonly ImmutableArray<DiagnosticDescriptor> All = CollectDescriptors();

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => All;

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            ImContext? im = ImContext.For(start.Compilation);
            if (im is null)
            {
                return; // not an ImCsGen project: nothing registered, nothing paid
            }

            var hub = new RuleHub(im, start.Options);
            foreach (ImAnalyzer rule in Rules)
            {
                rule.Register(hub, im);
            }

            hub.Commit(start);
        });
    }

    private static ImmutableArray<DiagnosticDescriptor> CollectDescriptors()
    {
        var builder = ImmutableArray.CreateBuilder<DiagnosticDescriptor>();
        foreach (ImAnalyzer rule in Rules)
        {
            builder.AddRange(rule.SupportedDiagnostics);
        }

        return builder.ToImmutable();
    }
}
