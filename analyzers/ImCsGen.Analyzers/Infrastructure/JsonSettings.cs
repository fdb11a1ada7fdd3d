using System;
using System.Collections.Generic;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace ImCsGen.Analyzers.Infrastructure;

/// <summary>One scalar of an <c>appsettings*.json</c> file, keyed the way .NET configuration keys it (<c>TencentIm:Identifier</c>).</summary>
internal readonly struct JsonSetting
{
    public JsonSetting(string key, string? stringValue, TextSpan span)
    {
        Key = key;
        StringValue = stringValue;
        Span = span;
    }

    /// <summary>Section path joined with <c>:</c>.</summary>
    public string Key { get; }

    /// <summary>The unescaped value when it is a JSON string, otherwise null.</summary>
    public string? StringValue { get; }

    /// <summary>Where the value is in the file (quotes included).</summary>
    public TextSpan Span { get; }
}

/// <summary>
/// A small, tolerant JSON reader for configuration files given to the compiler as AdditionalFiles.
/// Analyzers cannot depend on System.Text.Json, and they need positions, so this walks the text itself.
/// It accepts what the .NET JSON configuration provider accepts (comments, trailing commas) and stops
/// quietly at the first syntax error, keeping what it read so far.
/// </summary>
internal sealed class JsonSettings
{
    private readonly string _text;
    private readonly List<JsonSetting> _settings = new();
    private int _pos;

    private JsonSettings(string text) => _text = text;

    /// <summary>Whether <paramref name="path"/> names an <c>appsettings*.json</c> file.</summary>
    public static bool IsAppSettingsFile(string path)
    {
        // Split on both separators: the path format is the host's, not necessarily this process's.
        string name = path.Substring(path.LastIndexOfAny(new[] { '/', '\\' }) + 1);
        return name.StartsWith("appsettings", StringComparison.OrdinalIgnoreCase)
            && name.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
    }

    public static IReadOnlyList<JsonSetting> Read(string text)
    {
        var reader = new JsonSettings(text);
        try
        {
            reader.SkipTrivia();
            reader.ReadValue(string.Empty);
        }
        catch (FormatException)
        {
            // Malformed JSON is reported by the configuration system at run time; keep what was read.
        }

        return reader._settings;
    }

    /// <summary>Finds <paramref name="key"/> (case-insensitive, like .NET configuration keys).</summary>
    public static bool TryFind(IReadOnlyList<JsonSetting> settings, string key, out JsonSetting found)
    {
        // The last occurrence wins, as with the configuration provider.
        for (int i = settings.Count - 1; i >= 0; i--)
        {
            if (string.Equals(settings[i].Key, key, StringComparison.OrdinalIgnoreCase))
            {
                found = settings[i];
                return true;
            }
        }

        found = default;
        return false;
    }

    private void ReadValue(string key)
    {
        if (_pos >= _text.Length)
        {
            throw new FormatException();
        }

        char c = _text[_pos];
        if (c == '{')
        {
            ReadObject(key);
        }
        else if (c == '[')
        {
            ReadArray(key);
        }
        else if (c == '"')
        {
            int start = _pos;
            string value = ReadString();
            _settings.Add(new JsonSetting(key, value, TextSpan.FromBounds(start, _pos)));
        }
        else
        {
            int start = _pos;
            while (_pos < _text.Length && _text[_pos] is not (',' or '}' or ']' or '/') && !char.IsWhiteSpace(_text[_pos]))
            {
                _pos++;
            }

            if (_pos == start)
            {
                throw new FormatException();
            }

            // Numbers and booleans reach the configuration binder as their text ("86400", "true"), so they
            // are checked as that text; JSON null sets nothing.
            string literal = _text.Substring(start, _pos - start);
            _settings.Add(new JsonSetting(key, literal == "null" ? null : literal, TextSpan.FromBounds(start, _pos)));
        }
    }

    private void ReadObject(string key)
    {
        _pos++; // {
        while (true)
        {
            SkipTrivia();
            if (Peek() == '}')
            {
                _pos++;
                return;
            }

            string name = Peek() == '"' ? ReadString() : throw new FormatException();
            SkipTrivia();
            Expect(':');
            SkipTrivia();
            ReadValue(key.Length == 0 ? name : key + ":" + name);
            SkipTrivia();
            if (Peek() == ',')
            {
                _pos++;
            }
            else if (Peek() != '}')
            {
                throw new FormatException();
            }
        }
    }

    private void ReadArray(string key)
    {
        _pos++; // [
        int index = 0;
        while (true)
        {
            SkipTrivia();
            if (Peek() == ']')
            {
                _pos++;
                return;
            }

            ReadValue(key + ":" + index.ToString(System.Globalization.CultureInfo.InvariantCulture));
            index++;
            SkipTrivia();
            if (Peek() == ',')
            {
                _pos++;
            }
            else if (Peek() != ']')
            {
                throw new FormatException();
            }
        }
    }

    private string ReadString()
    {
        _pos++; // opening quote
        var builder = new StringBuilder();
        while (_pos < _text.Length)
        {
            char c = _text[_pos++];
            if (c == '"')
            {
                return builder.ToString();
            }

            if (c != '\\')
            {
                builder.Append(c);
                continue;
            }

            char escaped = _pos < _text.Length ? _text[_pos++] : throw new FormatException();
            switch (escaped)
            {
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 't': builder.Append('\t'); break;
                case 'b': builder.Append('\b'); break;
                case 'f': builder.Append('\f'); break;
                case 'u':
                    if (_pos + 4 > _text.Length
                        || !int.TryParse(_text.Substring(_pos, 4), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture, out int code))
                    {
                        throw new FormatException();
                    }

                    builder.Append((char)code);
                    _pos += 4;
                    break;
                default: builder.Append(escaped); break;
            }
        }

        throw new FormatException();
    }

    private void SkipTrivia()
    {
        while (_pos < _text.Length)
        {
            char c = _text[_pos];
            if (char.IsWhiteSpace(c) || c == '\uFEFF')
            {
                _pos++;
            }
            else if (c == '/' && _pos + 1 < _text.Length && _text[_pos + 1] == '/')
            {
                while (_pos < _text.Length && _text[_pos] != '\n')
                {
                    _pos++;
                }
            }
            else if (c == '/' && _pos + 1 < _text.Length && _text[_pos + 1] == '*')
            {
                int end = _text.IndexOf("*/", _pos + 2, StringComparison.Ordinal);
                _pos = end < 0 ? _text.Length : end + 2;
            }
            else
            {
                return;
            }
        }
    }

    private char Peek() => _pos < _text.Length ? _text[_pos] : throw new FormatException();

    private void Expect(char c)
    {
        if (Peek() != c)
        {
            throw new FormatException();
        }

        _pos++;
    }
}
