/* list.h: each operation, FIFO order, and random operations against an array model. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <tessera/list.h>

struct item {
	int value;
	struct list_head link;
};

/* Walks the list both ways and checks it holds exactly the values given. */
static void check_list(const struct list_head *head, const int *want, size_t n)
{
	const struct list_head *p = head->next;

	assert_int_equal(list_length(head), n);
	assert_int_equal(list_empty(head), n == 0);
	for (size_t i = 0; i < n; i++, p = p->next) {
		assert_ptr_equal(p->next->prev, p);
		assert_int_equal(list_entry(p, struct item, link)->value, want[i]);
	}
	assert_ptr_equal(p, head);
	p = head->prev;
	for (size_t i = n; i > 0; i--, p = p->prev)
		assert_int_equal(list_entry(p, struct item, link)->value, want[i - 1]);
	assert_ptr_equal(p, head);
}

static void init_items(struct item *items, int n)
{
	for (int i = 0; i < n; i++)
		items[i].value = i;
}

static void test_empty(void **state)
{
	LIST_HEAD(head);
	struct list_head dynamic;

	(void)state;
	list_init(&dynamic);
	check_list(&head, NULL, 0);
	check_list(&dynamic, NULL, 0);
	assert_null(list_pop_front(&head));
	assert_null(list_first_entry_or_null(&head, struct item, link));
}

static void test_add_and_add_tail(void **state)
{
	LIST_HEAD(head);
	struct item items[4];

	(void)state;
	init_items(items, 4);
	list_add(&items[1].link, &head);
	list_add(&items[0].link, &head);
	list_add_tail(&items[2].link, &head);
	list_add_tail(&items[3].link, &head);
	check_list(&head, (int[]){0, 1, 2, 3}, 4);
	assert_ptr_equal(list_first_entry_or_null(&head, struct item, link), &items[0]);
}

static void test_del(void **state)
{
	LIST_HEAD(head);
	struct item items[4];

	(void)state;
	init_items(items, 4);
	for (int i = 0; i < 4; i++)
		list_add_tail(&items[i].link, &head);
	list_del(&items[2].link);
	check_list(&head, (int[]){0, 1, 3}, 3);
	/* A deleted node is an empty list: deleting it again changes nothing. */
	assert_true(list_empty(&items[2].link));
	list_del(&items[2].link);
	check_list(&head, (int[]){0, 1, 3}, 3);
	list_del(&items[0].link);
	list_del(&items[3].link);
	check_list(&head, (int[]){1}, 1);
	list_del(&items[1].link);
	check_list(&head, NULL, 0);
}

static void test_queue_fifo(void **state)
{
	LIST_HEAD(queue);
	struct item items[8];
	struct list_head *node;
	int expected = 0;

	(void)state;
	init_items(items, 8);
	for (int i = 0; i < 5; i++)
		list_add_tail(&items[i].link, &queue);
	for (int i = 0; i < 2; i++) {
		node = list_pop_front(&queue);
		assert_int_equal(list_entry(node, struct item, link)->value, expected++);
		assert_true(list_empty(node));
	}
	for (int i = 5; i < 8; i++)
		list_add_tail(&items[i].link, &queue);
	while ((node = list_pop_front(&queue)))
		assert_int_equal(list_entry(node, struct item, link)->value, expected++);
	assert_int_equal(expected, 8);
	check_list(&queue, NULL, 0);
}

static void test_splice_tail(void **state)
{
	LIST_HEAD(a);
	LIST_HEAD(b);
	struct item items[5];

	(void)state;
	init_items(items, 5);
	/* Empty into empty, empty into non-empty. */
	list_splice_tail(&b, &a);
	check_list(&a, NULL, 0);
	list_add_tail(&items[0].link, &a);
	list_splice_tail(&b, &a);
	check_list(&a, (int[]){0}, 1);
	check_list(&b, NULL, 0);
	/* Several into one. */
	for (int i = 1; i < 4; i++)
		list_add_tail(&items[i].link, &b);
	list_splice_tail(&b, &a);
	check_list(&a, (int[]){0, 1, 2, 3}, 4);
	check_list(&b, NULL, 0);
	/* One into empty. */
	list_add_tail(&items[4].link, &b);
	list_splice_tail(&a, &b);
	check_list(&b, (int[]){4, 0, 1, 2, 3}, 5);
	check_list(&a, NULL, 0);
}

static void test_for_each(void **state)
{
	LIST_HEAD(head);
	struct item items[6], *pos;
	struct list_head *node;
	int i = 0;

	(void)state;
	init_items(items, 6);
	list_for_each_entry(pos, &head, link)
		fail();
	for (int j = 0; j < 6; j++)
		list_add_tail(&items[j].link, &head);
	list_for_each(node, &head)
		assert_ptr_equal(node, &items[i++].link);
	assert_int_equal(i, 6);
	i = 0;
	list_for_each_entry(pos, &head, link)
		assert_ptr_equal(pos, &items[i++]);
	assert_int_equal(i, 6);
}

static void test_for_each_entry_safe(void **state)
{
	LIST_HEAD(head);
	LIST_HEAD(odd);
	struct item items[7], *pos, *tmp;
	int visited = 0;

	(void)state;
	init_items(items, 7);
	list_for_each_entry_safe(pos, tmp, &head, link)
		fail();
	for (int i = 0; i < 7; i++)
		list_add_tail(&items[i].link, &head);
	/* Move the odd values out, delete the multiples of 3, while iterating. */
	list_for_each_entry_safe(pos, tmp, &head, link) {
		visited++;
		if (pos->value % 2) {
			list_del(&pos->link);
			list_add_tail(&pos->link, &odd);
		} else if (pos->value % 3 == 0) {
			list_del(&pos->link);
		}
	}
	assert_int_equal(visited, 7);
	check_list(&head, (int[]){2, 4}, 2);
	check_list(&odd, (int[]){1, 3, 5}, 3);
	/* Remove everything. */
	list_for_each_entry_safe(pos, tmp, &head, link)
		list_del(&pos->link);
	check_list(&head, NULL, 0);
}

/* Random operations ----------------------------------------------------------------- */

#define NR_ITEMS 64

static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

/* xorshift64*: a fixed seed gives the same cases on every run. */
static unsigned int pick(unsigned int n)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (unsigned int)((rng_state * 0x2545f4914f6cdd1dULL) >> 32) % n;
}

/* The model: an array of the values in list order, per list. */
struct model {
	int values[NR_ITEMS];
	size_t n;
};

static void model_insert(struct model *m, size_t at, int value)
{
	for (size_t i = m->n; i > at; i--)
		m->values[i] = m->values[i - 1];
	m->values[at] = value;
	m->n++;
}

static void model_remove(struct model *m, int value)
{
	size_t i = 0;

	while (m->values[i] != value)
		i++;
	for (m->n--; i < m->n; i++)
		m->values[i] = m->values[i + 1];
}

static void test_random_against_model(void **state)
{
	struct list_head heads[2];
	struct model models[2] = {0};
	struct item items[NR_ITEMS];
	int owner[NR_ITEMS]; /* list holding each item, -1 if none */

	(void)state;
	init_items(items, NR_ITEMS);
	list_init(&heads[0]);
	list_init(&heads[1]);
	for (int i = 0; i < NR_ITEMS; i++)
		owner[i] = -1;

	for (int step = 0; step < 20000; step++) {
		int v = (int)pick(NR_ITEMS), l = (int)pick(2);
		struct list_head *node;

		switch (pick(5)) {
		case 0: /* add */
		case 1: /* add_tail */
			if (owner[v] >= 0)
				break;
			if (pick(2)) {
				list_add(&items[v].link, &heads[l]);
				model_insert(&models[l], 0, v);
			} else {
				list_add_tail(&items[v].link, &heads[l]);
				model_insert(&models[l], models[l].n, v);
			}
			owner[v] = l;
			break;
		case 2: /* del */
			if (owner[v] < 0)
				break;
			list_del(&items[v].link);
			model_remove(&models[owner[v]], v);
			owner[v] = -1;
			break;
		case 3: /* pop_front */
			node = list_pop_front(&heads[l]);
			if (!models[l].n) {
				assert_null(node);
				break;
			}
			v = list_entry(node, struct item, link)->value;
			assert_int_equal(v, models[l].values[0]);
			model_remove(&models[l], v);
			owner[v] = -1;
			break;
		case 4: /* splice_tail, rarely, or the lists would rarely differ */
			if (pick(8))
				break;
			list_splice_tail(&heads[l], &heads[!l]);
			for (size_t i = 0; i < models[l].n; i++) {
				owner[models[l].values[i]] = !l;
				model_insert(&models[!l], models[!l].n, models[l].values[i]);
			}
			models[l].n = 0;
			break;
		}
		check_list(&heads[0], models[0].values, models[0].n);
		check_list(&heads[1], models[1].values, models[1].n);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_add_and_add_tail),
		cmocka_unit_test(test_del),
		cmocka_unit_test(test_queue_fifo),
		cmocka_unit_test(test_splice_tail),
		cmocka_unit_test(test_for_each),
		cmocka_unit_test(test_for_each_entry_safe),
		cmocka_unit_test(test_random_against_model),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
