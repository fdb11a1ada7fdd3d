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
        Detail = message;
    }

    private ImValidationException(string field, string rule, string detail, string message, int? errorCode, Exception inner)
        : base(message, field, inner)
    {
        Field = field;
        Rule = rule;
        Detail = detail;
        ErrorCode = errorCode;
    }

    /// <summary>The same failure seen from the enclosing field (<c>Text</c> becomes <c>MsgBody[0].MsgContent.Text</c>).</summary>
    public ImValidationException WithParent(string parent)
    {
        var field = Field.StartsWith("[", StringComparison.Ordinal) ? parent + Field : parent + "." + Field;
        var message = field + ": " + Detail + " (rule: " + Rule + ")";
        return new ImValidationException(field, Rule, message, message, ErrorCode, this);
    }

    /// <summary>The same failure carrying the code Tencent answers for it (generated checks call this where the spec states one).</summary>
    public ImValidationException WithErrorCode(int errorCode)
        => new(Field, Rule, Detail, Field + ": " + Detail + " (rule: " + Rule + ")", errorCode, this);

    /// <summary>What is wrong, without the field name.</summary>
    public string Detail { get; } = string.Empty;

    /// <summary>The wire path of the offending field.</summary>
    public string Field { get; }

    /// <summary>
    /// The <c>ErrorCode</c> Tencent's server answers when a request breaks this rule, as the spec states it (constraint
    /// <c>errorCodes</c>, e.g. 93000 for a one-to-one MsgBody over 12 KB); null when the spec names none.
    /// </summary>
    public int? ErrorCode { get; }

    /// <summary>The broken rule: <c>required</c>, <c>userId</c>, <c>maxBytes</c>, <c>minBytes</c>, <c>range</c>, <c>maxItems</c>, <c>minItems</c>, <c>pattern</c>, <c>maxJsonBytes</c>.</summary>
    public string Rule { get; }
}
