using CleanVisitors.Domain.Common;
using FluentValidation;
using Mediator;

namespace CleanVisitors.Application.Common.Behaviors;

/// <summary>Runs every validator of the request and collects all failures into one <c>field → messages</c> error.</summary>
public sealed class ValidationBehavior<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    private readonly IValidator<TMessage>[] _validators = validators as IValidator<TMessage>[] ?? validators.ToArray();

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (_validators.Length == 0)
        {
            return await next(message, cancellationToken);
        }

        Dictionary<string, List<string>>? failures = null;
        foreach (var validator in _validators)
        {
            // A fresh context per validator: a shared one accumulates failures and would report them twice.
            var result = await validator.ValidateAsync(new ValidationContext<TMessage>(message), cancellationToken);
            foreach (var failure in result.Errors)
            {
                failures ??= new Dictionary<string, List<string>>(StringComparer.Ordinal);
                var field = ToCamelCase(failure.PropertyName);
                if (!failures.TryGetValue(field, out var messages))
                {
                    failures[field] = messages = [];
                }

                messages.Add(failure.ErrorMessage);
            }
        }

        if (failures is null)
        {
            return await next(message, cancellationToken);
        }

        var error = Error.Validation(failures.ToDictionary(f => f.Key, f => f.Value.ToArray(), StringComparer.Ordinal));
        return FailureFactory<TResponse>.Create is { } create
            ? create(error)
            : throw new InvalidOperationException($"{typeof(TMessage).Name} must answer a Result to be validated.");
    }

    /// <summary><c>Visitor.FullName</c> → <c>visitor.fullName</c>, matching the JSON field names clients send.</summary>
    internal static string ToCamelCase(string propertyName) =>
        string.Join('.', propertyName.Split('.').Select(part => part.Length == 0 ? part : char.ToLowerInvariant(part[0]) + part[1..]));
}
