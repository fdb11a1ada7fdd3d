using System;
using System.Collections.Generic;
using ImCsGen.CustomerService;
using ImCsGen.Im;
using Xunit;

namespace ImCsGen.Emulator.Tests;

public sealed class CustomerServiceMessageTests
{
    public static IEnumerable<object[]> Messages()
    {
        yield return new object[] { new SessionRequestMessage() };
        yield return new object[] { new BranchMenuMessage("Hot questions", new[] { new BranchMenuItem("退款", "refunds"), new BranchMenuItem("Size") }, "Size") };
        yield return new object[] { new ProductCardMessage("Shoe", "$59", "https://x.example/p.png", "https://x.example/p") };
        yield return new object[] { new SatisfactionRequestMessage("s-1", SatisfactionOption.FiveStars, SatisfactionScale.Numbers, "Rate us", "Thanks", DateTimeOffset.FromUnixTimeSeconds(1800000000)) };
        yield return new object[] { new SatisfactionAnswerMessage(105, "Very satisfied", "s-1") };
        yield return new object[] { new FormMessage(FormMessage.ChoiceType, "Pick one", new[] { "A", "B" }) };
        yield return new object[] { new RichTextMessage("**bold** answer") };
        yield return new object[] { new SessionEndMessage("bye") };
        yield return new object[] { new SessionTimeoutMessage() };
        yield return new object[] { new NoSeatOnlineMessage("nobody") };
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void Every_message_round_trips_through_its_data(CustomerServiceMessage message)
    {
        var data = message.ToData();
        Assert.Contains("\"customerServicePlugin\":0", data, StringComparison.Ordinal);
        Assert.True(CustomerServiceMessage.TryParse(data, out var parsed));
        Assert.IsType(message.GetType(), parsed);
        Assert.Equal(message.Src, parsed!.Src);
        Assert.Equal(data, parsed.ToData());
    }

    [Fact]
    public void Senders_variants_are_read_numeric_src_title_and_string_marker()
    {
        var menu = Assert.IsType<BranchMenuMessage>(CustomerServiceMessage.Parse("""{"src":15,"customerServicePlugin":"0","content":{"title":"Menu","items":[{"content":"a"}]}}"""));
        Assert.Equal("Menu", menu.Header);
        Assert.Equal("a", menu.FindItem(" a ")!.Content);
        var answer = Assert.IsType<SatisfactionAnswerMessage>(CustomerServiceMessage.Parse("""{"src":"10","menuSelected":{"id":"103","content":"ok","sessionId":"s"},"customerServicePlugin":0}"""));
        Assert.Equal(103, answer.OptionId);
        var unknown = Assert.IsType<UnknownCustomerServiceMessage>(CustomerServiceMessage.Parse("""{"src":"29","customerServicePlugin":0,"subtype":"welcome_msg"}"""));
        Assert.Equal("29", unknown.Src);
        Assert.Contains("welcome_msg", unknown.ToData(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("hello")]
    [InlineData("{\"src\":\"15\"}")]
    [InlineData("{\"chatbotPlugin\":1,\"src\":\"15\"}")]
    [InlineData("{\"customerServicePlugin\":1,\"src\":\"15\"}")]
    [InlineData("[1,2]")]
    public void Data_that_is_not_a_plugin_message_is_not_parsed(string data)
    {
        Assert.False(CustomerServiceMessage.TryParse(data, out var message));
        Assert.Null(message);
        Assert.False(CustomerServiceMessage.IsCustomerServiceData(data));
        Assert.Throws<FormatException>(() => CustomerServiceMessage.Parse(data));
    }

    [Theory]
    [InlineData("{\"src\":\"15\",\"customerServicePlugin\":0,\"content\":{\"header\":\"h\",\"items\":[]}}", "content.items")]
    [InlineData("{\"src\":\"15\",\"customerServicePlugin\":0}", "content")]
    [InlineData("{\"src\":\"9\",\"customerServicePlugin\":0,\"menuContent\":{\"menu\":[{\"id\":1,\"content\":\"x\"}]}}", "menuContent.sessionId")]
    [InlineData("{\"src\":\"10\",\"customerServicePlugin\":0,\"menuSelected\":{\"content\":\"x\",\"sessionId\":\"s\"}}", "menuSelected.id")]
    [InlineData("{\"customerServicePlugin\":0}", "src")]
    public void Malformed_payloads_name_the_field(string data, string field)
    {
        var error = Assert.Throws<FormatException>(() => CustomerServiceMessage.Parse(data));
        Assert.StartsWith(field, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Builders_refuse_empty_input_naming_the_parameter()
    {
        Assert.Equal("header", Assert.Throws<ArgumentException>(() => new BranchMenuMessage(" ", "a")).ParamName);
        Assert.Equal("items", Assert.Throws<ArgumentException>(() => new BranchMenuMessage("h", Array.Empty<BranchMenuItem>())).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentException>(() => new SatisfactionRequestMessage("s", Array.Empty<SatisfactionOption>())).ParamName);
        Assert.Equal("optionId", Assert.Throws<ArgumentOutOfRangeException>(() => new SatisfactionRequestMessage("s", SatisfactionOption.FiveStars).Answer(7)).ParamName);
        Assert.Equal("items", Assert.Throws<ArgumentException>(() => new FormMessage(FormMessage.ChoiceType, "q")).ParamName);
    }

    [Fact]
    public void The_satisfaction_answer_carries_the_request_session_and_option()
    {
        var request = new SatisfactionRequestMessage("cs-1", SatisfactionOption.FiveStars);
        var answer = request.Answer(104);
        Assert.Equal("{\"src\":\"10\",\"customerServicePlugin\":0,\"menuSelected\":{\"id\":104,\"content\":\"Satisfied\",\"sessionId\":\"cs-1\"}}", answer.ToData());
    }

    [Fact]
    public void Custom_elements_bridge_to_the_generated_types()
    {
        var element = new ProductCardMessage("Shoe", "$59", null, null).ToCustomElem("[product]");
        Assert.Equal("[product]", element.Desc);
        Assert.True(((MsgBodyElement)element).TryGetCustomerServiceMessage(out var parsed));
        Assert.Equal("Shoe", Assert.IsType<ProductCardMessage>(parsed).Header);
        Assert.False(((MsgBodyElement)new TIMTextElem { Text = "{}" }).TryGetCustomerServiceMessage(out _));
        Assert.IsType<TIMTextElem>(Assert.Single(CustomerServiceElements.Text("hi")));
    }
}
