using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace ImCsGen.Generator.Model;

/// <summary>
/// Where something stands in a spec file: path, character span and line/column span. A plain value,
/// so models holding it stay equatable and never root a SyntaxTree or an AdditionalText.
/// </summary>
internal readonly record struct SpecLocation(string Path, int Start, int Length, int StartLine, int StartColumn, int EndLine, int EndColumn)
{
    public Location ToLocation()
        => Location.Create(
            Path,
            new TextSpan(Start, Length),
            new LinePositionSpan(new LinePosition(StartLine, StartColumn), new LinePosition(EndLine, EndColumn)));
}
