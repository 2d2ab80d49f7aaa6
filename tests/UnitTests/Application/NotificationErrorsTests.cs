using CleanVisitors.Api.Http;
using CleanVisitors.Application.Notifications;
using CleanVisitors.Domain.Common;

namespace CleanVisitors.UnitTests.Application;

/// <summary>Whether a delivery is tried again is the error's type, not a comparison of codes.</summary>
public sealed class NotificationErrorsTests
{
    [Fact]
    public void AProviderFailure_AndADeliveryInProgress_AreTransient()
    {
        Assert.Equal(ErrorType.Transient, NotificationErrors.SendFailed("HTTP 500").Type);
        Assert.True(NotificationErrors.IsTransient(NotificationErrors.SendFailed("HTTP 500")));
        Assert.True(NotificationErrors.IsTransient(NotificationErrors.InProgress));
    }

    [Fact]
    public void AnyOtherError_IsFinal_WhateverItsCode()
    {
        Assert.False(NotificationErrors.IsTransient(Error.NotFound("visit.not_found", "No such visit.")));
        Assert.False(NotificationErrors.IsTransient(Error.Conflict(NotificationErrors.SendFailedCode, "A conflict that merely reuses the code.")));
        Assert.True(NotificationErrors.IsTransient(Error.Transient("anything.later", "Try again later.")));
    }

    [Fact]
    public void ATransientError_WouldReachAClientAs503() =>
        Assert.Equal(503, ErrorType.Transient.StatusCode());
}
