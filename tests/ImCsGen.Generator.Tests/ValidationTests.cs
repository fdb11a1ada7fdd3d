using System.Linq;
using ImCsGen.Im;
using ImCsGen.Validation;
using Xunit;

namespace ImCsGen.Generator.Tests;

/// <summary>The spec's constraints as generated validation: each failure names the wire field path and the rule.</summary>
public class ValidationTests
{
    private static SendC2CMessageRequest Valid() => new()
    {
        FromAccount = "cs_virtual",
        ToAccount = "user_1",
        MsgBody = [new TIMTextElem { Text = "hello" }],
    };

    [Fact]
    public void A_valid_request_passes()
    {
        Valid().Validate();
    }

    [Theory]
    [InlineData("to-long", "To_Account", "userId")]
    [InlineData("empty-to", "To_Account", "userId")]
    [InlineData("lifetime", "MsgLifeTime", "range")]
    [InlineData("no-body", "MsgBody", "minItems")]
    [InlineData("null-text", "MsgBody[0].MsgContent.Text", "required")]
    [InlineData("huge-body", "MsgBody", "maxJsonBytes")]
    [InlineData("null-element", "MsgBody[1]", "required")]
    [InlineData("two-custom", "MsgBody", "maxPerVariant")]
    public void A_broken_rule_names_the_field_and_the_rule(string @case, string field, string rule)
    {
        var request = Valid();
        switch (@case)
        {
            case "to-long": request.ToAccount = new string('x', 33); break;
            case "empty-to": request.ToAccount = " "; break;
            case "lifetime": request.MsgLifeTime = 604801; break;
            case "no-body": request.MsgBody = []; break;
            case "null-text": request.MsgBody = [new TIMTextElem { Text = null! }]; break;
            case "huge-body": request.MsgBody = [new TIMTextElem { Text = new string('字', 4200) }]; break;
            case "null-element": request.MsgBody = [new TIMTextElem { Text = "a" }, null!]; break;
            case "two-custom": request.MsgBody = [new TIMCustomElem { Data = "1" }, new TIMTextElem { Text = "a" }, new TIMCustomElem { Data = "2" }]; break;
        }

        var error = Assert.Throws<ImValidationException>(request.Validate);
        Assert.Equal((field, rule), (error.Field, error.Rule));
        Assert.StartsWith(field + ":", error.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Batch_send_takes_at_most_500_recipients_each_a_valid_user_id()
    {
        var request = new BatchSendC2CMessageRequest { ToAccount = Enumerable.Range(0, 501).Select(i => "u" + i).ToList(), MsgBody = [new TIMTextElem { Text = "x" }] };
        Assert.Equal("maxItems", Assert.Throws<ImValidationException>(request.Validate).Rule);

        request.ToAccount = ["ok", new string('y', 40)];
        var error = Assert.Throws<ImValidationException>(request.Validate);
        Assert.Equal(("To_Account[1]", "userId"), (error.Field, error.Rule));
    }
}
