using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ImCsGen.Generator.Diagnostics;
using ImCsGen.Generator.Helpers;
using ImCsGen.Generator.Json;
using ImCsGen.Generator.Model;
using ImCsGen.Generator.Parsing;
using Microsoft.CodeAnalysis.CSharp;

namespace ImCsGen.Generator.Binding;

internal sealed partial class ModuleBuilder
{
    // Members every generated class (or response) already has; a field may not take these names.
    private static readonly string[] CommonMembers = { "WriteJson", "ReadJson", "Validate", "ReadContent", "WriteContent", "Endpoint", "AssignIdempotencyKeys", "ChooseDeduplicationKeys", "MissingRequiredFields", "IsComplete", "Equals", "GetHashCode", "ToString", "GetType" };
    private static readonly string[] EnvelopeMembers = { "ActionStatus", "ErrorCode", "ErrorInfo", "ErrorDisplay", "RequestId", "IsSuccess", "HasItemErrors", "TryReadEnvelopeProperty" };

    private EquatableArray<FieldModel> BindFields(EquatableArray<FieldSyntax> fields, string ownerName, bool isResponse, string? discriminator)
    {
        var wireNames = new HashSet<string>(StringComparer.Ordinal);
        var csNames = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<FieldModel>();
        foreach (var field in fields)
        {
            if (!wireNames.Add(field.WireName))
            {
                Report(SpecDiagnostics.DuplicateName, field.Location, "Field", field.WireName, " in '" + ownerName + "'");
                continue;
            }

            if (!csNames.Add(field.CsName))
            {
                Report(SpecDiagnostics.DuplicateName, field.Location, "C# property name", field.CsName, " in '" + ownerName + "'");
                continue;
            }

            if (field.CsName == ownerName)
            {
                Report(SpecDiagnostics.ReservedName, field.Location, field.CsName, "'" + ownerName + "'", "the name of the class itself");
                continue;
            }

            if (Array.IndexOf(CommonMembers, field.CsName) >= 0 || (isResponse && Array.IndexOf(EnvelopeMembers, field.CsName) >= 0))
            {
                Report(SpecDiagnostics.ReservedName, field.Location, field.CsName, "'" + ownerName + "'", "a member every generated " + (isResponse ? "response" : "class") + " has");
                continue;
            }

            if (discriminator is not null && field.CsName == Names.FromWireName(discriminator))
            {
                Report(SpecDiagnostics.ReservedName, field.Location, field.CsName, "'" + ownerName + "'", "the discriminator property of its union");
                continue;
            }

            var type = Resolve(field.TypeSpelling, field.TypeLocation);
            if (type is null)
            {
                continue;
            }

            CheckKindAndRole(field, type);
            CheckConstraints(field, type);
            var defaultLiteral = field.Default is null ? null : DefaultLiteral(field, type);
            result.Add(new FieldModel(
                field.WireName,
                field.CsName,
                type,
                field.Required && !isResponse,
                defaultLiteral,
                field.Description,
                field.Role,
                field.Kind,
                field.Constraints,
                field.Role == FieldRole.ItemResults ? ResultCodeMember(type) : null,
                field.Constraints.MaxPerVariant.Count > 0 ? DiscriminatorMember(type) : null)
            {
                AcceptsSingle = field.AcceptsSingle,
            });
        }

        return result.ToEquatableArray();
    }

    private TypeRefModel? Resolve(string spelling, SpecLocation location)
    {
        if (spelling.EndsWith("[]", StringComparison.Ordinal))
        {
            var element = Resolve(spelling.Substring(0, spelling.Length - 2), location);
            return element is null ? null : new TypeRefModel(TypeRefKind.Array, element.Name + "[]", element);
        }

        switch (spelling)
        {
            case "string": return new TypeRefModel(TypeRefKind.String, "string", null);
            case "bool": return new TypeRefModel(TypeRefKind.Bool, "bool", null);
            case "int32": return new TypeRefModel(TypeRefKind.Int32, "int", null);
            case "int64": return new TypeRefModel(TypeRefKind.Int64, "long", null);
            case "uint32": return new TypeRefModel(TypeRefKind.UInt32, "uint", null);
            case "double": return new TypeRefModel(TypeRefKind.Double, "double", null);
            case "json": return new TypeRefModel(TypeRefKind.Json, "global::System.Text.Json.JsonElement", null);
        }

        if (Names.IsQualifiedTypeName(spelling))
        {
            return ResolveQualified(spelling, location);
        }

        if (!_types.TryGetValue(spelling, out var declared))
        {
            Report(SpecDiagnostics.UnknownType, location, spelling, Names.PrimitiveList, _namespace);
            return null;
        }

        var kind = declared.Kind switch
        {
            TypeDeclKind.Object => TypeRefKind.Object,
            TypeDeclKind.Union => TypeRefKind.Union,
            _ => declared.IsStringEnum ? TypeRefKind.StringEnum : TypeRefKind.IntEnum,
        };
        return new TypeRefModel(kind, "global::" + _namespace + "." + spelling, null);
    }

    private void CheckKindAndRole(FieldSyntax field, TypeRefModel type)
    {
        var isString = type.Kind == TypeRefKind.String;
        var isStringArray = type.Kind == TypeRefKind.Array && type.Element!.Kind == TypeRefKind.String;
        if (field.Kind == ValueKind.UserId && !isString && !isStringArray)
        {
            Report(SpecDiagnostics.InvalidRoleOrKind, field.Location, field.WireName, "kind", "userId", "it applies to string or string[] fields only");
        }

        var ok = field.Role switch
        {
            FieldRole.MessageSender => isString,
            FieldRole.MessageRecipient => isString || isStringArray,
            FieldRole.MessageRandom or FieldRole.MessageSequence => type.Kind == TypeRefKind.UInt32,
            FieldRole.MessageTimestamp => type.Kind is TypeRefKind.Int32 or TypeRefKind.Int64 or TypeRefKind.UInt32,
            FieldRole.ItemErrors => type.Kind == TypeRefKind.Array,
            FieldRole.ItemResults => ResultCodeMember(type) is not null,
            FieldRole.ResultCode => type.Kind is TypeRefKind.Int32 or TypeRefKind.Int64,
            _ => true,
        };
        if (!ok)
        {
            var rule = field.Role switch
            {
                FieldRole.MessageSender => "a sender is a string",
                FieldRole.MessageRecipient => "a recipient is a string or string[]",
                FieldRole.MessageRandom or FieldRole.MessageSequence => "de-duplication keys are uint32",
                FieldRole.MessageTimestamp => "a timestamp is an integer",
                FieldRole.ItemResults => "item results are an array of an object type with a 'resultCode' field",
                FieldRole.ResultCode => "a result code is an integer",
                _ => "item errors are an array",
            };
            Report(SpecDiagnostics.InvalidRoleOrKind, field.RoleLocation ?? field.Location, field.WireName, "role", RoleName(field.Role), rule);
        }
    }

    /// <summary>For an array of an object type, the C# name of its field with role resultCode.</summary>
    private string? ResultCodeMember(TypeRefModel type)
    {
        if (ElementDeclaration(type, TypeRefKind.Object) is not { } declared)
        {
            return null;
        }

        foreach (var f in declared.Fields)
        {
            if (f.Role == FieldRole.ResultCode)
            {
                return f.CsName;
            }
        }

        return null;
    }

    /// <summary>For an array of a union, the C# name of the union's discriminator property.</summary>
    private string? DiscriminatorMember(TypeRefModel type)
        => ElementDeclaration(type, TypeRefKind.Union) is { } union ? Names.FromWireName(union.Discriminator!) : null;

    /// <summary>The declaration of an array's element type when it is a declared type of <paramref name="kind"/>.</summary>
    private TypeSyntax? ElementDeclaration(TypeRefModel type, TypeRefKind kind)
        => type.Kind == TypeRefKind.Array && type.Element!.Kind == kind
            && _types.TryGetValue(type.Element.Name.Substring(type.Element.Name.LastIndexOf('.') + 1), out var declared)
            ? declared
            : null;

    private static string RoleName(FieldRole role)
    {
        var name = role.ToString();
        return char.ToLowerInvariant(name[0]) + name.Substring(1);
    }

    private void CheckConstraints(FieldSyntax field, TypeRefModel type)
    {
        var c = field.Constraints;
        var where = field.ConstraintsLocation ?? field.Location;
        var element = type.Kind == TypeRefKind.Array ? type.Element! : type;
        if ((c.Minimum is not null || c.Maximum is not null) && !type.IsNumber)
        {
            Report(SpecDiagnostics.InvalidConstraint, where, c.Minimum is not null ? "minimum" : "maximum", field.WireName, "it applies to number fields only");
        }

        if (c.Minimum is { } min && c.Maximum is { } max && min > max)
        {
            Report(SpecDiagnostics.InvalidConstraint, where, "minimum", field.WireName, "minimum is greater than maximum");
        }

        if ((c.MinBytes is not null || c.MaxBytes is not null || c.Pattern is not null) && element.Kind != TypeRefKind.String)
        {
            Report(SpecDiagnostics.InvalidConstraint, where, c.Pattern is not null ? "pattern" : "maxBytes", field.WireName, "it applies to string (or string[]) fields only");
        }

        if (c.MinBytes is { } minBytes && c.MaxBytes is { } maxBytes && minBytes > maxBytes)
        {
            Report(SpecDiagnostics.InvalidConstraint, where, "minBytes", field.WireName, "minBytes is greater than maxBytes");
        }

        if ((c.MinItems is not null || c.MaxItems is not null) && type.Kind != TypeRefKind.Array)
        {
            Report(SpecDiagnostics.InvalidConstraint, where, c.MinItems is not null ? "minItems" : "maxItems", field.WireName, "it applies to array fields only");
        }

        if (c.MaxPerVariant.Count > 0)
        {
            var union = ElementDeclaration(type, TypeRefKind.Union);
            if (union is null)
            {
                Report(SpecDiagnostics.InvalidConstraint, where, "maxPerVariant", field.WireName, "it applies to arrays of a union only");
            }
            else
            {
                foreach (var limit in c.MaxPerVariant)
                {
                    if (!union.Variants.Any(v => v.Value == limit.Value))
                    {
                        Report(SpecDiagnostics.InvalidConstraint, where, "maxPerVariant", field.WireName, "'" + limit.Value + "' is not a variant of union '" + union.Name + "'");
                    }
                }
            }
        }

        if (c.MinItems is { } minItems && c.MaxItems is { } maxItems && minItems > maxItems)
        {
            Report(SpecDiagnostics.InvalidConstraint, where, "minItems", field.WireName, "minItems is greater than maxItems");
        }
    }

    private string? DefaultLiteral(FieldSyntax field, TypeRefModel type)
    {
        var d = field.Default!;
        string? literal = null;
        string problem = "expected " + type.Kind switch
        {
            TypeRefKind.String or TypeRefKind.StringEnum => "a string",
            TypeRefKind.Bool => "true or false",
            TypeRefKind.Int32 or TypeRefKind.IntEnum => "an int32 number",
            TypeRefKind.Int64 => "an int64 number",
            TypeRefKind.UInt32 => "a number from 0 to 4294967295",
            TypeRefKind.Double => "a number",
            _ => "nothing: only string, number, boolean and enum fields take defaults",
        };
        switch (type.Kind)
        {
            case TypeRefKind.String when d.Kind == JsonKind.String:
                literal = SymbolDisplay.FormatLiteral(d.Text, quote: true);
                break;
            case TypeRefKind.StringEnum when d.Kind == JsonKind.String:
                literal = "new " + type.Name + "(" + SymbolDisplay.FormatLiteral(d.Text, quote: true) + ")";
                break;
            case TypeRefKind.Bool when d.Kind is JsonKind.True or JsonKind.False:
                literal = d.Text;
                break;
            case TypeRefKind.Int32 when d.Kind == JsonKind.Number && int.TryParse(d.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i):
                literal = i.ToString(CultureInfo.InvariantCulture);
                break;
            case TypeRefKind.IntEnum when d.Kind == JsonKind.Number && int.TryParse(d.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var e):
                literal = "(" + type.Name + ")(" + e.ToString(CultureInfo.InvariantCulture) + ")";
                break;
            case TypeRefKind.Int64 when d.Kind == JsonKind.Number && long.TryParse(d.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l):
                literal = l.ToString(CultureInfo.InvariantCulture) + "L";
                break;
            case TypeRefKind.UInt32 when d.Kind == JsonKind.Number && uint.TryParse(d.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var u):
                literal = u.ToString(CultureInfo.InvariantCulture) + "U";
                break;
            case TypeRefKind.Double when d.Kind == JsonKind.Number && double.TryParse(d.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var dbl):
                literal = dbl.ToString("R", CultureInfo.InvariantCulture) + "d";
                break;
        }

        if (literal is null)
        {
            Report(SpecDiagnostics.InvalidDefault, d.Location, field.WireName, field.TypeSpelling, problem);
        }

        return literal;
    }
}
