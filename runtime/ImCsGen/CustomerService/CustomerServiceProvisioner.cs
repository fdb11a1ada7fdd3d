using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ImCsGen.Im;
using ImCsGen.Metadata;

namespace ImCsGen.CustomerService;

/// <summary>A customer-service virtual account (客服虚拟号): the UserID customers chat with, its nickname and avatar.</summary>
/// <param name="UserId">The account's UserID (the plugin's default is <c>@customer_service_account</c>).</param>
/// <param name="Nick">Nickname shown in the customer's conversation list.</param>
/// <param name="FaceUrl">Avatar URL.</param>
public sealed record VirtualAccount(string UserId, string Nick, string? FaceUrl = null);

/// <summary>
/// The server-side steps of Tencent's customer-service scenario over the generated <see cref="IImClient"/>:
/// provision the administrator and the virtual account (nickname, avatar), make sure a customer exists,
/// pin the virtual account in the customer's conversation list, and start a consultation by sending,
/// as the administrator, a message <c>From_Account</c> = virtual account to the customer.
/// Every step is idempotent, so it can run on each start of the backend.
/// </summary>
// [ImEndpoint]/[ImField] on the helpers: the analyzers check their arguments like the generated requests'
// properties (sender/recipient roles, account-id lengths, required values, empty bodies).
public sealed class CustomerServiceProvisioner
{
    /// <summary>
    /// The standard conversation mark bit set to pin the virtual account (bit 0, the "star" mark). Tencent's
    /// REST API has no pin call; a mark is what a UIKit can sort on, and the emulator reports it as TopFlag 1.
    /// </summary>
    public const int PinMarkBit = 0;

    private readonly IImClient _client;

    /// <summary>Creates the provisioner.</summary>
    public CustomerServiceProvisioner(IImClient client) => _client = client ?? throw new ArgumentNullException(nameof(client));

    /// <summary>
    /// Imports the administrator (so it has a profile with <paramref name="administratorNick"/>) and the
    /// virtual account with its nickname and avatar. Re-importing updates nickname and avatar.
    /// </summary>
    public async Task ProvisionAsync([ImField("administrator", Role = ImFieldRole.Administrator, Kind = ImValueKind.UserId)] string administrator, VirtualAccount account, string? administratorNick = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(administrator);
        ArgumentNullException.ThrowIfNull(account);
        ArgumentException.ThrowIfNullOrEmpty(account.UserId);
        ArgumentException.ThrowIfNullOrEmpty(account.Nick);
        await _client.ImportAccountAsync(new ImportAccountRequest { UserID = administrator, Nick = administratorNick }, cancellationToken).ConfigureAwait(false);
        await _client.ImportAccountAsync(new ImportAccountRequest { UserID = account.UserId, Nick = account.Nick, FaceUrl = account.FaceUrl }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Imports a customer account (idempotent).</summary>
    public Task EnsureCustomerAsync([ImField("UserID", Required = true, Kind = ImValueKind.UserId)] string userId, string? nick = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        return _client.ImportAccountAsync(new ImportAccountRequest { UserID = userId, Nick = nick }, cancellationToken);
    }

    /// <summary>Pins the virtual account in <paramref name="customer"/>'s conversation list (standard mark <see cref="PinMarkBit"/>).</summary>
    public Task<MarkConversationResponse> PinAsync(
        [ImField("From_Account", Required = true, Kind = ImValueKind.UserId)] string customer,
        [ImField("To_Account", Required = true, Kind = ImValueKind.UserId)] string virtualAccount,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(customer);
        ArgumentException.ThrowIfNullOrEmpty(virtualAccount);
        return _client.MarkConversationAsync(
            new MarkConversationRequest
            {
                FromAccount = customer,
                MarkItem = new List<ConversationMarkItem>
                {
                    new() { OptType = 1, ContactItem = new ContactItem { Type = 1, ToAccount = virtualAccount }, SetMark = new List<int> { PinMarkBit } },
                },
            },
            cancellationToken);
    }

    /// <summary>
    /// Starts a consultation: the administrator sends <paramref name="greeting"/> from the virtual account to
    /// the customer, which is what activates the session service flow bound to the account.
    /// </summary>
    [ImEndpoint("openim/sendmsg")]
    public Task<SendC2CMessageResponse> StartConsultationAsync(
        [ImField("To_Account", Required = true, Role = ImFieldRole.MessageRecipient, Kind = ImValueKind.UserId)] string customer,
        [ImField("From_Account", Required = true, Role = ImFieldRole.MessageSender, Kind = ImValueKind.UserId)] string virtualAccount,
        string greeting,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(greeting);
        return SendAsync(virtualAccount, customer, CustomerServiceElements.Text(greeting), cancellationToken);
    }

    /// <summary>Sends a plugin message (menu, product card...) from <paramref name="from"/> to <paramref name="to"/>.</summary>
    [ImEndpoint("openim/sendmsg")]
    public Task<SendC2CMessageResponse> SendAsync(
        [ImField("From_Account", Required = true, Role = ImFieldRole.MessageSender, Kind = ImValueKind.UserId)] string from,
        [ImField("To_Account", Required = true, Role = ImFieldRole.MessageRecipient, Kind = ImValueKind.UserId)] string to,
        CustomerServiceMessage message,
        string? description = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return SendAsync(from, to, message.ToMsgBody(description), cancellationToken);
    }

    /// <summary>
    /// Sends a message body from <paramref name="from"/> to <paramref name="to"/>. The message time is fixed
    /// here, once, so a retry after a lost reply carries the same MsgRandom and MsgTimeStamp and Tencent
    /// de-duplicates it even when it arrives in a later second.
    /// </summary>
    [ImEndpoint("openim/sendmsg")]
    public Task<SendC2CMessageResponse> SendAsync(
        [ImField("From_Account", Required = true, Role = ImFieldRole.MessageSender, Kind = ImValueKind.UserId)] string from,
        [ImField("To_Account", Required = true, Role = ImFieldRole.MessageRecipient, Kind = ImValueKind.UserId)] string to,
        [ImField("MsgBody", Required = true), ImMinItems(1)] IList<MsgBodyElement> body,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(from);
        ArgumentException.ThrowIfNullOrEmpty(to);
        ArgumentNullException.ThrowIfNull(body);
        return _client.SendC2CMessageAsync(
            new SendC2CMessageRequest
            {
                FromAccount = from,
                ToAccount = to,
                MsgBody = body,
                MsgTimeStamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            },
            cancellationToken);
    }
}
