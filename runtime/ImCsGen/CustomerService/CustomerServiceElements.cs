using System;
using System.Collections.Generic;
using ImCsGen.Im;

namespace ImCsGen.CustomerService;

/// <summary>Bridges plugin messages and the generated message-body types.</summary>
public static class CustomerServiceElements
{
    /// <summary>
    /// The <c>TIMCustomElem</c> carrying <paramref name="message"/>: <c>Data</c> is the plugin JSON,
    /// <c>Desc</c> an optional text shown by clients without the plugin (and in offline pushes).
    /// </summary>
    public static TIMCustomElem ToCustomElem(this CustomerServiceMessage message, string? description = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new TIMCustomElem { Data = message.ToData(), Desc = description };
    }

    /// <summary>A one-element MsgBody with <paramref name="message"/>.</summary>
    public static IList<MsgBodyElement> ToMsgBody(this CustomerServiceMessage message, string? description = null)
        => new List<MsgBodyElement> { message.ToCustomElem(description) };

    /// <summary>
    /// Reads the plugin message in <paramref name="element"/>, if it is a <c>TIMCustomElem</c> whose Data is
    /// one. Malformed payloads of known src codes throw <see cref="FormatException"/> naming the field.
    /// </summary>
    public static bool TryGetCustomerServiceMessage(this MsgBodyElement element, out CustomerServiceMessage? message)
    {
        message = null;
        return element is TIMCustomElem custom && CustomerServiceMessage.TryParse(custom.Data, out message);
    }

    /// <summary>A one-element MsgBody with a text.</summary>
    public static IList<MsgBodyElement> Text(string text)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        return new List<MsgBodyElement> { new TIMTextElem { Text = text } };
    }
}
