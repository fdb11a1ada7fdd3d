using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ImCsGen.Spec.Tests;

/// <summary>
/// A small JSON Schema (draft 2020-12) validator for exactly the keywords spec/imspec.schema.json uses.
/// No full JSON Schema library is in the package feed (JsonSchema.Net's dependencies are missing), so the
/// tests check the spec files against the real schema with this. A keyword it does not know throws
/// <see cref="NotSupportedException"/>, so a schema change can never be silently ignored here.
/// </summary>
internal sealed class MiniSchemaValidator
{
    // Keywords that only annotate; they never make an instance invalid.
    private static readonly HashSet<string> Annotations = new(StringComparer.Ordinal)
    {
        "$schema", "$defs", "title", "description", "examples", "default",
    };

    private readonly JsonElement _root;

    public MiniSchemaValidator(JsonElement root) => _root = root;

    /// <summary>Validates <paramref name="instance"/>; returns one message per violation ("path: problem").</summary>
    public List<string> Validate(JsonElement instance)
    {
        var errors = new List<string>();
        Check(_root, instance, "$", errors);
        return errors;
    }

    private void Check(JsonElement schema, JsonElement instance, string path, List<string> errors)
    {
        if (schema.ValueKind == JsonValueKind.True)
        {
            return;
        }

        if (schema.ValueKind == JsonValueKind.False)
        {
            errors.Add(path + ": no value is allowed here");
            return;
        }

        foreach (var keyword in schema.EnumerateObject())
        {
            var value = keyword.Value;
            switch (keyword.Name)
            {
                case var name when Annotations.Contains(name):
                    break;
                case "$ref":
                    Check(Resolve(value.GetString()!), instance, path, errors);
                    break;
                case "type":
                    CheckType(value, instance, path, errors);
                    break;
                case "enum":
                    var found = false;
                    foreach (var option in value.EnumerateArray())
                    {
                        found |= JsonElement.DeepEquals(option, instance);
                    }

                    if (!found)
                    {
                        errors.Add(path + ": " + instance.GetRawText() + " is not one of " + value.GetRawText());
                    }

                    break;
                case "const":
                    if (!JsonElement.DeepEquals(value, instance))
                    {
                        errors.Add(path + ": must be " + value.GetRawText());
                    }

                    break;
                case "pattern":
                    if (instance.ValueKind == JsonValueKind.String && !Regex.IsMatch(instance.GetString()!, value.GetString()!, RegexOptions.None, TimeSpan.FromSeconds(1)))
                    {
                        errors.Add(path + ": '" + instance.GetString() + "' does not match " + value.GetString());
                    }

                    break;
                case "format":
                    CheckFormat(value.GetString()!, instance, path, errors);
                    break;
                case "minLength":
                    if (instance.ValueKind == JsonValueKind.String && instance.GetString()!.Length < value.GetInt32())
                    {
                        errors.Add(path + ": shorter than " + value.GetInt32().ToString(CultureInfo.InvariantCulture));
                    }

                    break;
                case "minimum":
                    if (instance.ValueKind == JsonValueKind.Number && instance.GetDouble() < value.GetDouble())
                    {
                        errors.Add(path + ": less than " + value.GetRawText());
                    }

                    break;
                case "maximum":
                    if (instance.ValueKind == JsonValueKind.Number && instance.GetDouble() > value.GetDouble())
                    {
                        errors.Add(path + ": greater than " + value.GetRawText());
                    }

                    break;
                case "minItems":
                    if (instance.ValueKind == JsonValueKind.Array && instance.GetArrayLength() < value.GetInt32())
                    {
                        errors.Add(path + ": fewer than " + value.GetRawText() + " items");
                    }

                    break;
                case "items":
                    if (instance.ValueKind == JsonValueKind.Array)
                    {
                        var index = 0;
                        foreach (var item in instance.EnumerateArray())
                        {
                            Check(value, item, path + "[" + index.ToString(CultureInfo.InvariantCulture) + "]", errors);
                            index++;
                        }
                    }

                    break;
                case "required":
                    if (instance.ValueKind == JsonValueKind.Object)
                    {
                        foreach (var name in value.EnumerateArray())
                        {
                            if (!instance.TryGetProperty(name.GetString()!, out _))
                            {
                                errors.Add(path + ": the property '" + name.GetString() + "' is required");
                            }
                        }
                    }

                    break;
                case "properties":
                    if (instance.ValueKind == JsonValueKind.Object)
                    {
                        foreach (var property in value.EnumerateObject())
                        {
                            if (instance.TryGetProperty(property.Name, out var member))
                            {
                                Check(property.Value, member, path + "." + property.Name, errors);
                            }
                        }
                    }

                    break;
                case "propertyNames":
                    if (instance.ValueKind == JsonValueKind.Object)
                    {
                        foreach (var member in instance.EnumerateObject())
                        {
                            using var name = JsonDocument.Parse("\"" + JsonEncodedText.Encode(member.Name).Value + "\"");
                            Check(value, name.RootElement, path + "." + member.Name + " (name)", errors);
                        }
                    }

                    break;
                case "additionalProperties":
                    if (instance.ValueKind == JsonValueKind.Object)
                    {
                        schema.TryGetProperty("properties", out var declared);
                        foreach (var member in instance.EnumerateObject())
                        {
                            if (declared.ValueKind == JsonValueKind.Object && declared.TryGetProperty(member.Name, out _))
                            {
                                continue;
                            }

                            if (value.ValueKind == JsonValueKind.False)
                            {
                                errors.Add(path + ": the property '" + member.Name + "' is not allowed");
                            }
                            else
                            {
                                Check(value, member.Value, path + "." + member.Name, errors);
                            }
                        }
                    }

                    break;
                case "allOf":
                    foreach (var part in value.EnumerateArray())
                    {
                        Check(part, instance, path, errors);
                    }

                    break;
                case "if":
                    var conditionErrors = new List<string>();
                    Check(value, instance, path, conditionErrors);
                    if (conditionErrors.Count == 0 && schema.TryGetProperty("then", out var then))
                    {
                        Check(then, instance, path, errors);
                    }

                    if (conditionErrors.Count > 0 && schema.TryGetProperty("else", out var otherwise))
                    {
                        Check(otherwise, instance, path, errors);
                    }

                    break;
                case "then":
                case "else":
                    break; // applied by "if"
                default:
                    throw new NotSupportedException("MiniSchemaValidator does not implement the keyword '" + keyword.Name + "' (at " + path + "); extend it.");
            }
        }
    }

    private JsonElement Resolve(string reference)
    {
        const string prefix = "#/$defs/";
        if (!reference.StartsWith(prefix, StringComparison.Ordinal))
        {
            throw new NotSupportedException("Only local '#/$defs/...' references are supported: " + reference);
        }

        return _root.GetProperty("$defs").GetProperty(reference.Substring(prefix.Length));
    }

    private static void CheckType(JsonElement type, JsonElement instance, string path, List<string> errors)
    {
        if (type.ValueKind == JsonValueKind.Array)
        {
            foreach (var option in type.EnumerateArray())
            {
                if (IsOfType(option.GetString()!, instance))
                {
                    return;
                }
            }
        }
        else if (IsOfType(type.GetString()!, instance))
        {
            return;
        }

        errors.Add(path + ": " + instance.ValueKind.ToString() + " is not of type " + type.GetRawText());
    }

    private static bool IsOfType(string type, JsonElement instance) => type switch
    {
        "object" => instance.ValueKind == JsonValueKind.Object,
        "array" => instance.ValueKind == JsonValueKind.Array,
        "string" => instance.ValueKind == JsonValueKind.String,
        "boolean" => instance.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "number" => instance.ValueKind == JsonValueKind.Number,
        "integer" => instance.ValueKind == JsonValueKind.Number && instance.TryGetDecimal(out var d) && decimal.Truncate(d) == d,
        "null" => instance.ValueKind == JsonValueKind.Null,
        _ => throw new NotSupportedException("Unknown JSON Schema type '" + type + "'."),
    };

    private static void CheckFormat(string format, JsonElement instance, string path, List<string> errors)
    {
        if (instance.ValueKind != JsonValueKind.String)
        {
            return;
        }

        var text = instance.GetString()!;
        switch (format)
        {
            case "uri":
                if (!Uri.TryCreate(text, UriKind.Absolute, out _))
                {
                    errors.Add(path + ": '" + text + "' is not an absolute URI");
                }

                break;
            case "regex":
                try
                {
                    _ = new Regex(text, RegexOptions.None, TimeSpan.FromSeconds(1));
                }
                catch (ArgumentException e)
                {
                    errors.Add(path + ": not a valid regular expression (" + e.Message + ")");
                }

                break;
            default:
                throw new NotSupportedException("Unknown format '" + format + "'.");
        }
    }
}
