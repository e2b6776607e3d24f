self.addEventListener('fetch', e => e.respondWith(new Response('Call 0906')));
