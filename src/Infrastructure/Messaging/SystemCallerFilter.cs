using CleanVisitors.Application.Common.Authorization;
using MassTransit;

namespace CleanVisitors.Infrastructure.Messaging;

/// <summary>
/// Every message is handled as the service's own work: its consumer's scope is marked as the system's
/// (<see cref="SystemCaller"/>) before the consumer runs, so the requests the consumer sends are the system's, which may
/// send <see cref="SystemOperationAttribute"/> requests and nothing only a user may. Registered for every consumer
/// (<see cref="MessagingSetup"/>): a new consumer is the system with nothing to remember.
/// </summary>
public sealed class SystemCallerFilter<T>(SystemCaller caller) : IFilter<ConsumeContext<T>>
    where T : class
{
    public Task Send(ConsumeContext<T> context, IPipe<ConsumeContext<T>> next)
    {
        caller.Enter();
        return next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("systemCaller");
}
