using System;
using System.Collections.Generic;
using System.Text;
using ImCsGen.Generator.Model;

namespace ImCsGen.Generator.Json;

/// <summary>
/// Converts UTF-8 byte offsets (what Utf8JsonReader reports) to character offsets and zero-based
/// line/column positions (what Roslyn locations use).
/// </summary>
internal sealed class TextPositions
{
    private readonly string _path;
    private readonly byte[] _utf8;
    private readonly List<int> _lineByteStarts = new() { 0 };
    private readonly List<int> _lineCharStarts = new() { 0 };

    public TextPositions(string path, string text, byte[] utf8)
    {
        _path = path;
        _utf8 = utf8;
        for (var i = 0; i < utf8.Length; i++)
        {
            if (utf8[i] == (byte)'\n')
            {
                _lineByteStarts.Add(i + 1);
            }
        }

        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                _lineCharStarts.Add(i + 1);
            }
        }
    }

    public SpecLocation Span(long startByte, long endByte)
    {
        var (startLine, startColumn, startChar) = Position((int)startByte);
        var (endLine, endColumn, endChar) = Position((int)Math.Max(startByte, endByte));
        return new SpecLocation(_path, startChar, endChar - startChar, startLine, startColumn, endLine, endColumn);
    }

    /// <summary>A location from the zero-based line and byte-in-line that a JsonException reports.</summary>
    public SpecLocation AtLineByte(long line, long byteInLine)
    {
        var lineIndex = (int)Math.Min(Math.Max(line, 0), _lineByteStarts.Count - 1);
        var start = _lineByteStarts[lineIndex] + (int)Math.Max(byteInLine, 0);
        start = Math.Min(start, _utf8.Length);
        return Span(start, Math.Min(start + 1, _utf8.Length));
    }

    private (int Line, int Column, int Char) Position(int byteOffset)
    {
        var line = _lineByteStarts.BinarySearch(byteOffset);
        if (line < 0)
        {
            line = ~line - 1;
        }

        var lineStart = _lineByteStarts[line];
        var column = Encoding.UTF8.GetCharCount(_utf8, lineStart, byteOffset - lineStart);
        var charStart = line < _lineCharStarts.Count ? _lineCharStarts[line] : 0;
        return (line, column, charStart + column);
    }
}
