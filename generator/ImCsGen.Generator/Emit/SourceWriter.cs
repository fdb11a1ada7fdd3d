using System;
using System.Text;

namespace ImCsGen.Generator.Emit;

/// <summary>An indented text writer: four spaces per level, '\n' line ends whatever the OS, so output is byte-identical everywhere.</summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _builder = new();
    private int _indent;

    public void WriteLine(string line = "")
    {
        if (line.Length > 0)
        {
            _builder.Append(' ', _indent * 4);
            _builder.Append(line);
        }

        _builder.Append('\n');
    }

    public void OpenBlock(string line)
    {
        WriteLine(line);
        WriteLine("{");
        _indent++;
    }

    public void CloseBlock(string suffix = "")
    {
        _indent--;
        WriteLine("}" + suffix);
    }

    public void Indent() => _indent++;

    public void Unindent() => _indent--;

    /// <summary>
    /// Writes an XML doc summary: <paramref name="specText"/> (plain text from the spec, escaped here) or,
    /// when the spec has none, <paramref name="fallbackXml"/> (already XML, written as is).
    /// </summary>
    public void WriteSummary(string? specText, string fallbackXml)
    {
        WriteLine("/// <summary>");
        foreach (var line in (string.IsNullOrWhiteSpace(specText) ? fallbackXml : Escape(specText!)).Split('\n'))
        {
            WriteLine("/// " + line.TrimEnd('\r').Trim());
        }

        WriteLine("/// </summary>");
    }

    public void WriteRemarks(string text)
    {
        WriteLine("/// <remarks>");
        foreach (var line in text.Split('\n'))
        {
            WriteLine("/// " + line.TrimEnd('\r').Trim());
        }

        WriteLine("/// </remarks>");
    }

    public static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    public override string ToString()
    {
        if (_indent != 0)
        {
            throw new InvalidOperationException("Unbalanced indentation in generated source.");
        }

        return _builder.ToString();
    }
}
