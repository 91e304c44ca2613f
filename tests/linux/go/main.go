// A Go runtime workout: many goroutines over channels, a mutex-heavy map,
// timers and tickers, time.Sleep, goroutines that spin without calls (the
// runtime preempts them with SIGURG), and a nil-pointer dereference the
// runtime turns from SIGSEGV into a panic that is recovered.  The output
// depends on none of the timing, so it equals a native run's.
package main

import (
	"fmt"
	"os"
	"runtime"
	"sort"
	"sync"
	"time"
)

type node struct{ next *node }

// nilDeref reads through a nil pointer: SIGSEGV, then a runtime panic.
func nilDeref() (msg string) {
	defer func() {
		if r := recover(); r != nil {
			msg = fmt.Sprint(r)
		}
	}()
	var n *node
	return fmt.Sprint(n.next != nil)
}

func pipeline(workers, items int) int {
	in := make(chan int)
	out := make(chan int, 16)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for v := range in {
				out <- v * v
			}
		}()
	}
	go func() {
		for i := 1; i <= items; i++ {
			in <- i
		}
		close(in)
	}()
	go func() {
		wg.Wait()
		close(out)
	}()
	sum := 0
	for v := range out {
		sum += v
	}
	return sum
}

func lockedMap(goroutines, updates int) (int, int) {
	var mu sync.Mutex
	counts := map[int]int{}
	var wg sync.WaitGroup
	for g := 0; g < goroutines; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < updates; i++ {
				mu.Lock()
				counts[(g*updates+i)%97]++
				mu.Unlock()
				if i%100 == 0 {
					runtime.Gosched()
				}
			}
		}(g)
	}
	wg.Wait()
	total := 0
	for _, c := range counts {
		total += c
	}
	return len(counts), total
}

func timers() []string {
	var mu sync.Mutex
	var events []string
	var wg sync.WaitGroup
	for i, d := range []time.Duration{30, 10, 20} {
		wg.Add(1)
		i, d := i, d
		time.AfterFunc(d*time.Millisecond, func() {
			mu.Lock()
			events = append(events, fmt.Sprintf("timer %d", i))
			mu.Unlock()
			wg.Done()
		})
	}
	ticker := time.NewTicker(5 * time.Millisecond)
	ticks := 0
	for range ticker.C {
		ticks++
		if ticks == 5 {
			break
		}
	}
	ticker.Stop()
	events = append(events, fmt.Sprintf("ticks %d", ticks))
	select {
	case <-time.After(10 * time.Millisecond):
		events = append(events, "after fired")
	case <-make(chan int):
	}
	wg.Wait()
	sort.Strings(events)
	return events
}

// spinners never call into the runtime: only asynchronous preemption lets
// the main goroutine run again on a single-CPU machine.
func spinners(n int) int {
	var stop int32
	var wg sync.WaitGroup
	counts := make([]int, n)
	for s := 0; s < n; s++ {
		wg.Add(1)
		go func(s int) {
			defer wg.Done()
			for i := 0; ; i++ {
				if i%1000000 == 0 && func() bool { return atomicLoad(&stop) }() {
					break
				}
				counts[s]++
			}
		}(s)
	}
	time.Sleep(50 * time.Millisecond)
	atomicStore(&stop)
	wg.Wait()
	return n
}

func main() {
	start := time.Now()
	fmt.Println("nil dereference:", nilDeref())
	fmt.Println("pipeline sum:", pipeline(8, 2000))
	keys, total := lockedMap(50, 2000)
	fmt.Println("map keys:", keys, "updates:", total)
	for _, e := range timers() {
		fmt.Println(e)
	}
	fmt.Println("spinners stopped:", spinners(4))
	time.Sleep(20 * time.Millisecond)
	if time.Since(start) < 20*time.Millisecond {
		fmt.Println("time.Sleep returned early")
		os.Exit(1)
	}
	fmt.Println("nil dereference again:", nilDeref())
	fmt.Println("done")
}
