using System;

namespace ImCsGen.Validation;

/// <summary>
/// A request broke a constraint from the spec. Thrown before anything is sent; it names the field
/// (wire path, e.g. <c>MsgBody[0].MsgContent.Text</c>) and the rule.
/// </summary>
public sealed class ImValidationException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    public ImValidationException(string field, string rule, string message)
        : base(field + ": " + message + " (rule: " + rule + ")", field)
    {
        Field = field;
        Rule = rule;
    }

    /// <summary>The wire path of the offending field.</summary>
    public string Field { get; }

    /// <summary>The broken rule: <c>required</c>, <c>userId</c>, <c>maxBytes</c>, <c>minBytes</c>, <c>range</c>, <c>maxItems</c>, <c>minItems</c>, <c>pattern</c>, <c>maxJsonBytes</c>.</summary>
    public string Rule { get; }
}
