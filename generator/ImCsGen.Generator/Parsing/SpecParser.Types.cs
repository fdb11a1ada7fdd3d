using System.Collections.Generic;
using ImCsGen.Generator.Diagnostics;
using ImCsGen.Generator.Helpers;
using ImCsGen.Generator.Json;
using ImCsGen.Generator.Model;

namespace ImCsGen.Generator.Parsing;

internal sealed partial class SpecParser
{
    private TypeSyntax? ParseType(JsonProperty entry)
    {
        var name = entry.Name;
        var what = "type '" + name + "'";
        if (!Names.IsTypeName(name))
        {
            Report(SpecDiagnostics.InvalidName, entry.NameLocation, name, "type name", Names.TypeNameRule);
            return null;
        }

        if (!ExpectObject(entry.Value, what, out var obj))
        {
            return null;
        }

        var kind = RequiredString(obj, "kind", what, out var kindLocation);
        var description = OptionalString(obj, "description", out _);
        switch (kind)
        {
            case "object":
                CheckKeys(obj, ObjectKeys, what);
                return new TypeSyntax(name, entry.NameLocation, TypeDeclKind.Object, description, ParseFields(obj, "fields", what), false,
                    EquatableArray<EnumValueSyntax>.Empty, null, null, EquatableArray<VariantSyntax>.Empty);
            case "enum":
                CheckKeys(obj, EnumKeys, what);
                return ParseEnum(name, entry.NameLocation, obj, description, what);
            case "union":
                CheckKeys(obj, UnionKeys, what);
                return ParseUnion(name, entry.NameLocation, obj, description, what);
            case null:
                return null;
            default:
                Report(SpecDiagnostics.WrongValueKind, kindLocation, "kind", "one of 'object', 'enum', 'union'");
                return null;
        }
    }

    private TypeSyntax? ParseEnum(string name, SpecLocation location, JsonObjectNode obj, string? description, string what)
    {
        var underlying = RequiredString(obj, "underlying", what, out var underlyingLocation);
        if (underlying is not null && underlying != "int32" && underlying != "string")
        {
            Report(SpecDiagnostics.WrongValueKind, underlyingLocation, "underlying", "'int32' or 'string'");
            underlying = null;
        }

        var values = new List<EnumValueSyntax>();
        var valuesProperty = obj.Find("values");
        if (valuesProperty is null)
        {
            Report(SpecDiagnostics.MissingProperty, obj.Location, what, "values");
        }
        else if (ExpectArray(valuesProperty.Value, "values", out var array))
        {
            if (array.Items.Count == 0)
            {
                Report(SpecDiagnostics.InvalidEnum, valuesProperty.NameLocation, name, "it has no values");
            }

            foreach (var item in array.Items)
            {
                if (!ExpectObject(item, "an enum value", out var valueObject))
                {
                    continue;
                }

                CheckKeys(valueObject, EnumValueKeys, "a value of " + what);
                var memberName = RequiredString(valueObject, "name", "a value of " + what, out var memberLocation);
                if (memberName is not null && !Names.IsTypeName(memberName))
                {
                    Report(SpecDiagnostics.InvalidName, memberLocation, memberName, "enum member name", Names.TypeNameRule);
                    memberName = null;
                }

                var valueProperty = valueObject.Find("value");
                if (valueProperty is null)
                {
                    Report(SpecDiagnostics.MissingProperty, valueObject.Location, "a value of " + what, "value");
                    continue;
                }

                var isString = underlying == "string";
                if (valueProperty.Value is not JsonScalarNode scalar
                    || (isString && scalar.Kind != JsonKind.String)
                    || (!isString && (scalar.Kind != JsonKind.Number || !int.TryParse(scalar.Text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out _))))
                {
                    Report(SpecDiagnostics.WrongValueKind, valueProperty.Value.Location, "value", isString ? "a string" : "an int32 number");
                    continue;
                }

                if (memberName is not null)
                {
                    values.Add(new EnumValueSyntax(memberName, scalar.Text, isString, OptionalString(valueObject, "description", out _), memberLocation));
                }
            }
        }

        if (underlying is null)
        {
            return null;
        }

        return new TypeSyntax(name, location, TypeDeclKind.Enum, description, EquatableArray<FieldSyntax>.Empty, underlying == "string",
            values.ToEquatableArray(), null, null, EquatableArray<VariantSyntax>.Empty);
    }

    private TypeSyntax? ParseUnion(string name, SpecLocation location, JsonObjectNode obj, string? description, string what)
    {
        var discriminator = RequiredString(obj, "discriminator", what, out var discriminatorLocation);
        if (discriminator is { Length: 0 })
        {
            Report(SpecDiagnostics.EmptyValue, discriminatorLocation, "discriminator");
            discriminator = null;
        }

        var content = OptionalString(obj, "content", out var contentLocation);
        if (content is { Length: 0 })
        {
            Report(SpecDiagnostics.EmptyValue, contentLocation, "content");
            content = null;
        }

        var variants = new List<VariantSyntax>();
        var variantsProperty = obj.Find("variants");
        if (variantsProperty is null)
        {
            Report(SpecDiagnostics.MissingProperty, obj.Location, what, "variants");
        }
        else if (ExpectArray(variantsProperty.Value, "variants", out var array))
        {
            foreach (var item in array.Items)
            {
                if (!ExpectObject(item, "a union variant", out var variantObject))
                {
                    continue;
                }

                CheckKeys(variantObject, VariantKeys, "a variant of " + what);
                var value = RequiredString(variantObject, "value", "a variant of " + what, out var valueLocation);
                var type = RequiredString(variantObject, "type", "a variant of " + what, out var typeLocation);
                if (type is not null && !Names.IsTypeName(type))
                {
                    Report(SpecDiagnostics.InvalidName, typeLocation, type, "variant type name", Names.TypeNameRule);
                    type = null;
                }

                if (value is not null && type is not null)
                {
                    variants.Add(new VariantSyntax(value, type, valueLocation));
                }
            }
        }

        if (discriminator is null)
        {
            return null;
        }

        return new TypeSyntax(name, location, TypeDeclKind.Union, description, EquatableArray<FieldSyntax>.Empty, false,
            EquatableArray<EnumValueSyntax>.Empty, discriminator, content, variants.ToEquatableArray());
    }
}
