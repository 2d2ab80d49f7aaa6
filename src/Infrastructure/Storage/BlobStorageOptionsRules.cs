using CleanVisitors.Infrastructure.Configuration;
using FluentValidation;

namespace CleanVisitors.Infrastructure.Storage;

public sealed class BlobStorageOptionsRules : SettingsRules<BlobStorageOptions>
{
    public BlobStorageOptionsRules()
    {
        RuleFor(o => o.ApiUrl).Must(IsHttpUrl).WithMessage("is not an absolute http(s) URL such as https://blob.vercel-storage.com.");
        RuleFor(o => o.Access).Must(access => access is "private" or "public").WithMessage("must be private or public, as the Vercel Blob store was created.");
    }
}
