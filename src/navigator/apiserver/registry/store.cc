#include "navigator/apiserver/registry/store_delete_impl.h"
#include "navigator/apiserver/registry/store_impl.h"
#include "navigator/apiserver/registry/store_read_impl.h"

namespace navigator::registry {

template class Store<api::ElasticsearchCluster>;
template class Store<api::CassandraCluster>;
template class Store<api::Pilot>;

}  // namespace navigator::registry
