-- CUSTOMER_METRICS, as the design has it: orders count, total spent and last order date of every current
-- customer, kept within a minute of the current-state tables. (The seed draft joined the SCD history with the
-- raw orders table; current customers and current orders are what the metrics are about.)
-- Repeatable (R__): re-applied when it changes. Applied only when both tables are captured:
-- requires tables: CUSTOMERS, ORDERS
CREATE OR REPLACE DYNAMIC TABLE CUSTOMER_METRICS
  TARGET_LAG = '1 minute'
  WAREHOUSE = {{WAREHOUSE}}
AS
SELECT c.CUSTOMER_ID,
       c.NAME,
       c.EMAIL,
       COUNT(o.ORDER_ID) AS TOTAL_ORDERS,
       COALESCE(SUM(o.AMOUNT), 0) AS TOTAL_SPENT,
       MAX(o.CREATED_AT) AS LAST_ORDER_DATE
FROM CUSTOMERS c
LEFT JOIN ORDERS o ON o.CUSTOMER_ID = c.CUSTOMER_ID
GROUP BY c.CUSTOMER_ID, c.NAME, c.EMAIL;
