using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ImCsGen.Analyzers.Infrastructure;

/// <summary>
/// One value given to an <c>[ImField]</c> member: an assignment to a generated request's property or an argument
/// of a library helper's parameter. Rules check both alike, so a helper that declares its roles needs no special case.
/// The tracked value is computed once and shared by every rule looking at this write.
/// </summary>
internal sealed class FieldWrite
{
    private readonly ImContext _im;
    private TrackedValue? _tracked;
    private List<(TrackedValue Value, SyntaxNode Syntax)>? _items;

    public FieldWrite(ImContext im, ISymbol member, ImFieldInfo info, IOperation value, ImEndpointInfo? endpoint)
    {
        _im = im;
        Member = member;
        Info = info;
        Value = value;
        Endpoint = endpoint;
    }

    /// <summary>The property or parameter written.</summary>
    public ISymbol Member { get; }

    public ImFieldInfo Info { get; }

    /// <summary>The value written (for an argument: the argument's value).</summary>
    public IOperation Value { get; }

    /// <summary>The endpoint of the request type or the sending helper, when known.</summary>
    public ImEndpointInfo? Endpoint { get; }

    /// <summary>The member's type (property or parameter).</summary>
    public ITypeSymbol Type => Member is IPropertySymbol p ? p.Type : ((IParameterSymbol)Member).Type;

    /// <summary>How messages name the member: <c>FromAccount (From_Account)</c>.</summary>
    public string Name => ImSymbols.Describe(Member, Info);

    /// <summary>Whether this is the sender of a C2C send (IMCS001/003/004 territory).</summary>
    public bool IsC2CSender => Info.IsSender && Endpoint is { IsC2CSend: true };

    public TrackedValue Tracked(CancellationToken cancellationToken) =>
        _tracked ??= ValueTracker.Resolve(Value, _im, cancellationToken);

    /// <summary>The values of the known items of a list (IMCS005 and IMCS008 both check every item; read once).</summary>
    public List<(TrackedValue Value, SyntaxNode Syntax)> ItemValues(CancellationToken cancellationToken) =>
        _items ??= ValueTracker.ItemValues(Tracked(cancellationToken), _im, cancellationToken);

    /// <summary>Written as an argument rather than a property assignment.</summary>
    public bool IsArgument => Member is IParameterSymbol;
}
