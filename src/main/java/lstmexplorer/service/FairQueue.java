package lstmexplorer.service;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A bounded queue served round-robin across clients: each client has its own line, and the lines take
 * turns, so a client's third job waits behind everyone else's first. Within a line, first come first
 * served. Thread-safe; {@link #take} blocks until there is work.
 */
final class FairQueue<T> {
    private final int capacity;
    /** Clients in serving order: the first is served next, then goes to the back if it has more. */
    private final LinkedHashMap<String, ArrayDeque<T>> lines = new LinkedHashMap<>(); // guarded by this
    private int size;
    private boolean closed;

    FairQueue(int capacity) { this.capacity = capacity; }

    /** Adds an item to its client's line; false when the queue is full. */
    synchronized boolean offer(String client, T item) {
        if (size >= capacity) return false;
        lines.computeIfAbsent(client, c -> new ArrayDeque<>()).addLast(item);
        size++;
        notifyAll();
        return true;
    }

    /** The next item in round-robin order, waiting for one; null once closed. */
    synchronized T take() throws InterruptedException {
        while (size == 0 && !closed) wait();
        if (closed) return null;
        Iterator<Map.Entry<String, ArrayDeque<T>>> first = lines.entrySet().iterator();
        Map.Entry<String, ArrayDeque<T>> line = first.next();
        first.remove();
        T item = line.getValue().pollFirst();
        if (!line.getValue().isEmpty()) lines.put(line.getKey(), line.getValue()); // to the back of the rotation
        size--;
        return item;
    }

    synchronized boolean remove(T item) {
        for (Iterator<ArrayDeque<T>> it = lines.values().iterator(); it.hasNext(); ) {
            ArrayDeque<T> line = it.next();
            if (line.remove(item)) {
                if (line.isEmpty()) it.remove();
                size--;
                return true;
            }
        }
        return false;
    }

    /** Every waiting item in the order it will be served. */
    synchronized List<T> order() {
        List<Iterator<T>> its = new ArrayList<>();
        for (ArrayDeque<T> line : lines.values()) its.add(line.iterator());
        List<T> out = new ArrayList<>(size);
        while (out.size() < size) {
            for (Iterator<T> it : its) if (it.hasNext()) out.add(it.next());
        }
        return out;
    }

    synchronized int size() { return size; }

    synchronized void close() {
        closed = true;
        notifyAll();
    }
}
