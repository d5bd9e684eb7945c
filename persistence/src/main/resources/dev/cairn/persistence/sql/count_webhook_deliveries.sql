-- Pending and dead deliveries of every tenant, for the gauges.
SELECT count(*) FILTER (WHERE state = 'PENDING'), count(*) FILTER (WHERE state = 'DEAD')
  FROM webhook_delivery
 WHERE state IN ('PENDING', 'DEAD')
