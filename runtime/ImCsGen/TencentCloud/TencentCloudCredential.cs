using System;
using System.Threading;
using System.Threading.Tasks;

namespace ImCsGen.TencentCloud;

/// <summary>
/// A Tencent Cloud API key pair, optionally temporary (STS) with its session token, sent as
/// <c>X-TC-Token</c>. <see cref="ToString"/> shows the SecretId only: the key and token never reach a log.
/// </summary>
public sealed class TencentCloudCredential
{
    /// <summary>Creates a credential; <paramref name="token"/> is set for temporary credentials only.</summary>
    public TencentCloudCredential(string secretId, string secretKey, string? token = null)
    {
        if (string.IsNullOrWhiteSpace(secretId))
        {
            throw new ArgumentException("SecretId: must not be empty.", nameof(secretId));
        }

        if (string.IsNullOrWhiteSpace(secretKey))
        {
            throw new ArgumentException("SecretKey: must not be empty.", nameof(secretKey));
        }

        SecretId = secretId;
        SecretKey = secretKey;
        Token = string.IsNullOrEmpty(token) ? null : token;
    }

    /// <summary>The SecretId (public part, named in the Authorization header).</summary>
    public string SecretId { get; }

    /// <summary>The SecretKey (signs; never sent, logged or shown).</summary>
    public string SecretKey { get; }

    /// <summary>The session token of temporary credentials (sent as <c>X-TC-Token</c>), or null.</summary>
    public string? Token { get; }

    /// <inheritdoc />
    public override string ToString() => "TencentCloudCredential(" + SecretId + (Token is null ? string.Empty : ", temporary") + ")";
}

/// <summary>
/// Where the transport gets credentials before each attempt: fixed keys, or temporary ones that a provider
/// renews (STS, a CAM role). Called once per attempt, so a renewed credential is used by the next attempt.
/// </summary>
public interface ITencentCloudCredentialProvider
{
    /// <summary>The credential to sign the next attempt with.</summary>
    ValueTask<TencentCloudCredential> GetCredentialAsync(CancellationToken cancellationToken);

    /// <summary>Called when Tencent rejected <paramref name="credential"/> as expired (<c>AuthFailure.TokenFailure</c>, <c>AuthFailure.SecretIdNotFound</c>); a renewing provider drops it.</summary>
    void Invalidate(TencentCloudCredential credential)
    {
    }
}

/// <summary>A provider that always returns the same credential.</summary>
public sealed class StaticTencentCloudCredentialProvider : ITencentCloudCredentialProvider
{
    private readonly TencentCloudCredential _credential;

    /// <summary>Creates the provider.</summary>
    public StaticTencentCloudCredentialProvider(TencentCloudCredential credential)
        => _credential = credential ?? throw new ArgumentNullException(nameof(credential));

    /// <inheritdoc />
    public ValueTask<TencentCloudCredential> GetCredentialAsync(CancellationToken cancellationToken) => new(_credential);

    /// <inheritdoc />
    public override string ToString() => _credential.ToString();
}
