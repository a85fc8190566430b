package dev.snowpipecdc.demo;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Random;
import java.util.TreeSet;

import javax.sql.DataSource;

/**
 * A repeatable mix of inserts, updates and deletes on customers and orders ({@link WorkloadMix}): each statement
 * changes exactly one row, so each is exactly one change event. Statements run in transactions of one to a few, so
 * that a key may change twice in one transaction; changes are counted once their transaction has committed.
 */
public final class Workload {

    private static final String[] STATUSES = {"NEW", "PAID", "SHIPPED", "DELIVERED", "CANCELLED"};

    private final DataSource source;
    private final Random random;
    private final WorkloadMix mix;
    private final List<Integer> customers = new ArrayList<>();
    private final Map<Integer, Integer> orderCustomer = new HashMap<>();
    private final List<Integer> orders = new ArrayList<>();
    private final Map<Integer, Integer> ordersPerCustomer = new HashMap<>();
    /**
     * Customers with no orders, by id: ids grow in insertion order, so the first is the first such customer in
     * {@link #customers} — found without scanning the list (a scan made a million-change workload quadratic).
     */
    private final NavigableSet<Integer> customersWithoutOrders = new TreeSet<>();

    public Workload(DataSource source, long seed) {
        this(source, seed, WorkloadMix.DEFAULT);
    }

    public Workload(DataSource source, long seed, WorkloadMix mix) {
        this.source = source;
        this.random = new Random(seed);
        this.mix = mix;
    }

    /**
     * Makes changes until {@code maxChanges} are made or {@code maxDuration} has passed, at about
     * {@code perSecond} changes per second (0: as fast as the database takes them).
     */
    public void run(long maxChanges, Duration maxDuration, double perSecond, ChangeTally made)
            throws SQLException, InterruptedException {
        long start = System.nanoTime();
        long deadline = start + maxDuration.toNanos();
        long count = 0;
        try (Connection c = source.getConnection()) {
            c.setAutoCommit(false);
            while (count < maxChanges && System.nanoTime() < deadline) {
                int statements = (int) Math.min(1 + random.nextInt(mix.maxTransactionSize()), maxChanges - count);
                ChangeTally transaction = new ChangeTally();
                for (int i = 0; i < statements; i++) {
                    change(c, transaction);
                }
                c.commit();
                transaction.snapshot().forEach((key, n) -> made.add(key.substring(0, key.indexOf('/')),
                        key.substring(key.indexOf('/') + 1), n));
                count += statements;
                if (perSecond > 0) {
                    long due = start + (long) (count * 1_000_000_000L / perSecond);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                }
            }
        }
    }

    private void change(Connection c, ChangeTally tally) throws SQLException {
        int dice = random.nextInt(100);
        if (customers.isEmpty() || dice < mix.insertCustomerBelow()) {
            insertCustomer(c);
            tally.add("customers", "c", 1);
        } else if (dice < mix.insertOrderBelow() || orders.isEmpty()) {
            insertOrder(c);
            tally.add("orders", "c", 1);
        } else if (dice < mix.updateOrderBelow()) {
            updateOrder(c);
            tally.add("orders", "u", 1);
        } else if (dice < mix.updateCustomerBelow()) {
            updateCustomer(c);
            tally.add("customers", "u", 1);
        } else if (dice < mix.deleteOrderBelow() || !deleteCustomerWithoutOrders(c)) {
            deleteOrder(c);
            tally.add("orders", "d", 1);
        } else {
            tally.add("customers", "d", 1);
        }
    }

    private void insertCustomer(Connection c) throws SQLException {
        int n = customers.size() + random.nextInt(1_000_000);
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO customers (email, name) VALUES (?, ?) RETURNING customer_id")) {
            ps.setString(1, random.nextInt(10) == 0 ? null : "user" + n + "@example.com");
            ps.setString(2, "Customer " + n);
            int customer = returnedId(ps);
            customers.add(customer);
            customersWithoutOrders.add(customer);
        }
    }

    private void insertOrder(Connection c) throws SQLException {
        int customer = customers.get(random.nextInt(customers.size()));
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO orders (customer_id, amount, status) VALUES (?, ?, 'NEW') RETURNING order_id")) {
            ps.setInt(1, customer);
            ps.setBigDecimal(2, amount());
            int order = returnedId(ps);
            orders.add(order);
            orderCustomer.put(order, customer);
            ordersPerCustomer.merge(customer, 1, Integer::sum);
            customersWithoutOrders.remove(customer);
        }
    }

    private void updateOrder(Connection c) throws SQLException {
        int order = orders.get(random.nextInt(orders.size()));
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE orders SET status = ?, amount = ?, updated_at = now() WHERE order_id = ?")) {
            ps.setString(1, STATUSES[random.nextInt(STATUSES.length)]);
            ps.setBigDecimal(2, amount());
            ps.setInt(3, order);
            requireOneRow(ps.executeUpdate(), "order " + order);
        }
    }

    private void updateCustomer(Connection c) throws SQLException {
        int customer = customers.get(random.nextInt(customers.size()));
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE customers SET email = ?, updated_at = now() WHERE customer_id = ?")) {
            ps.setString(1, random.nextInt(10) == 0 ? null : "user" + customer + "+" + random.nextInt(1000)
                    + "@example.com");
            ps.setInt(2, customer);
            requireOneRow(ps.executeUpdate(), "customer " + customer);
        }
    }

    private void deleteOrder(Connection c) throws SQLException {
        int order = orders.remove(random.nextInt(orders.size()));
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM orders WHERE order_id = ?")) {
            ps.setInt(1, order);
            requireOneRow(ps.executeUpdate(), "order " + order);
        }
        int customer = orderCustomer.remove(order);
        if (ordersPerCustomer.merge(customer, -1, Integer::sum) == 0) {
            customersWithoutOrders.add(customer);
        }
    }

    /**
     * Deletes the longest-standing customer that has no orders (the foreign key forbids others); false when there is
     * none.
     */
    private boolean deleteCustomerWithoutOrders(Connection c) throws SQLException {
        if (customersWithoutOrders.isEmpty()) {
            return false;
        }
        int customer = customersWithoutOrders.pollFirst();
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM customers WHERE customer_id = ?")) {
            ps.setInt(1, customer);
            requireOneRow(ps.executeUpdate(), "customer " + customer);
        }
        int index = Collections.binarySearch(customers, customer);
        customers.remove(index >= 0 ? index : customers.indexOf(customer));
        ordersPerCustomer.remove(customer);
        return true;
    }

    private BigDecimal amount() {
        return BigDecimal.valueOf(100 + random.nextInt(99_900), 2);
    }

    private static int returnedId(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void requireOneRow(int changed, String what) {
        if (changed != 1) {
            throw new IllegalStateException("Expected to change " + what + " but changed " + changed + " rows");
        }
    }
}
