using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ImCsGen.Analyzers.Infrastructure;

/// <summary>
/// The writes to every local and parameter of one method body (or lambda, or initializer), found in one walk and
/// shared by every value the tracker follows there: a method with ten tracked reads is walked once, not ten times.
/// A write is a declaration with an initializer, an assignment, a ref/out argument, an increment or a
/// deconstruction; a parameter's own value counts as none.
/// </summary>
internal sealed class VariableWrites
{
    private readonly Dictionary<ISymbol, Entry> _entries = new(SymbolEqualityComparer.Default);

    public VariableWrites(IOperation root)
    {
        foreach (IOperation operation in root.DescendantsAndSelf())
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation declarator when declarator.GetVariableInitializer() is { } init:
                    Add(declarator.Symbol, init.Value, 1);
                    break;
                case ILocalReferenceOperation local when IsWrite(local):
                    Add(local.Local, null, 2); // reassigned: never a single value
                    break;
                case IParameterReferenceOperation parameter when IsWrite(parameter):
                    Add(parameter.Parameter, null, 2);
                    break;
            }
        }
    }

    /// <summary>How many times <paramref name="variable"/> is written (2 or more: reassigned), and its initializer.</summary>
    public int Count(ISymbol variable, out IOperation? initializer)
    {
        if (_entries.TryGetValue(variable, out Entry entry))
        {
            initializer = entry.Initializer;
            return entry.Writes;
        }

        initializer = null;
        return 0;
    }

    private void Add(ISymbol variable, IOperation? initializer, int writes)
    {
        _entries.TryGetValue(variable, out Entry entry);
        _entries[variable] = new Entry(entry.Writes + writes, initializer ?? entry.Initializer);
    }

    private static bool IsWrite(IOperation reference)
    {
        IOperation? parent = reference.Parent;
        return parent switch
        {
            IAssignmentOperation assignment => assignment.Target == reference,
            IIncrementOrDecrementOperation => true,
            IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } => true,
            IDeclarationExpressionOperation => true,
            _ => parent is ITupleOperation, // (a, b) = ...
        };
    }

    private readonly struct Entry
    {
        public Entry(int writes, IOperation? initializer)
        {
            Writes = writes;
            Initializer = initializer;
        }

        public int Writes { get; }

        public IOperation? Initializer { get; }
    }
}
